"""What a mutual measures and reports to its members and its council: performance
indicators (`library`, `indicators`, `results`), a Children's Centre's reach (`reach`),
community projects (`projects`), surveys (`surveys`), social return on investment
(`sroi`) and the annual report to members (`annual`)."""

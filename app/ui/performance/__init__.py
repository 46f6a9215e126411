"""The Performance page: indicators, reach, community projects, surveys, social value
and the annual report's words, each a tab."""

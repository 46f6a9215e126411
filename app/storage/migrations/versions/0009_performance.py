"""performance indicators, reach, surveys, social value, annual report

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 16:44:39

Hand-checked: new tables only, plus four columns on ``community_projects`` (its lead,
dates and status), empty or "proposed" for every existing project. They change the
rows' digests, so the program seals the projects again after the upgrade
(``storage/reseal.py``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_activities_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("organisation_id", "name", name="uq_activities_name"),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activities_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "annual_report_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("chair", sa.Text(), nullable=False),
        sa.Column("treasurer", sa.Text(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_annual_report_words_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_report_words")),
        sa.UniqueConstraint("organisation_id", "start_year", name="uq_annual_report_words_year"),
    )
    with op.batch_alter_table("annual_report_words", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_annual_report_words_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("first_label", sa.String(length=200), nullable=False),
        sa.Column("second_label", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("target_hundredths", sa.Integer(), nullable=True),
        sa.Column("close_hundredths", sa.Integer(), nullable=False),
        sa.Column("higher_is_better", sa.Boolean(), nullable=False),
        sa.Column("frequency", sa.String(length=20), nullable=False),
        sa.Column("year_rule", sa.String(length=10), nullable=False),
        sa.Column("group_name", sa.String(length=120), nullable=False),
        sa.Column("money", sa.Boolean(), nullable=False),
        sa.Column("from_library", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_indicators_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("organisation_id", "code", name="uq_indicators_code"),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicators_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "reach_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=60), nullable=False),
        sa.Column("group_name", sa.String(length=80), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_reach_counts_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reach_counts")),
        sa.UniqueConstraint(
            "organisation_id",
            "start_year",
            "quarter",
            "measure",
            "group_name",
            name="uq_reach_counts_period",
        ),
    )
    with op.batch_alter_table("reach_counts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reach_counts_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_surveys_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
        sa.UniqueConstraint("organisation_id", "name", name="uq_surveys_name"),
    )
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_surveys_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "activity_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendance", sa.Integer(), nullable=False),
        sa.Column("counted_from", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_sessions_activity_id_activities"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_sessions")),
        sa.UniqueConstraint("activity_id", "held_on", name="uq_activity_sessions_held_on"),
    )
    with op.batch_alter_table("activity_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_sessions_activity_id"), ["activity_id"], unique=False
        )

    op.create_table(
        "indicator_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("second", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_figures_indicator_id_indicators"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_figures")),
        sa.UniqueConstraint("indicator_id", "start_year", "quarter", name="uq_indicator_figures"),
    )
    with op.batch_alter_table("indicator_figures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_figures_indicator_id"), ["indicator_id"], unique=False
        )

    op.create_table(
        "survey_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("only_if_yes_to", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["only_if_yes_to"],
            ["survey_questions.id"],
            name=op.f("fk_survey_questions_only_if_yes_to_survey_questions"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys.id"],
            name=op.f("fk_survey_questions_survey_id_surveys"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_questions")),
        sa.UniqueConstraint("survey_id", "position", name="uq_survey_questions_position"),
    )
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_questions_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "survey_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("entered_by", sa.String(length=60), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys.id"],
            name=op.f("fk_survey_returns_survey_id_surveys"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_returns")),
        sa.UniqueConstraint("survey_id", "number", name="uq_survey_returns_number"),
    )
    with op.batch_alter_table("survey_returns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_returns_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "project_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("figure", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["community_projects.id"],
            name=op.f("fk_project_results_project_id_community_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_results")),
    )
    with op.batch_alter_table("project_results", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_results_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "sroi_worksheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("investment_pence", sa.Integer(), nullable=False),
        sa.Column("discount_basis_points", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_sroi_worksheets_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["community_projects.id"],
            name=op.f("fk_sroi_worksheets_project_id_community_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sroi_worksheets")),
        sa.UniqueConstraint("organisation_id", "name", name="uq_sroi_name"),
    )
    with op.batch_alter_table("sroi_worksheets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sroi_worksheets_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "survey_answers",
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.Integer(), nullable=True),
        sa.Column("words", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_questions.id"],
            name=op.f("fk_survey_answers_question_id_survey_questions"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["survey_returns.id"],
            name=op.f("fk_survey_answers_return_id_survey_returns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("return_id", "question_id", name=op.f("pk_survey_answers")),
    )
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_answers_question_id"), ["question_id"], unique=False
        )

    op.create_table(
        "sroi_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worksheet_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("stakeholder", sa.String(length=120), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("proxy_pence", sa.Integer(), nullable=False),
        sa.Column("proxy_source", sa.Text(), nullable=False),
        sa.Column("duration_years", sa.Integer(), nullable=False),
        sa.Column("deadweight_bp", sa.Integer(), nullable=False),
        sa.Column("attribution_bp", sa.Integer(), nullable=False),
        sa.Column("displacement_bp", sa.Integer(), nullable=False),
        sa.Column("drop_off_bp", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["worksheet_id"],
            ["sroi_worksheets.id"],
            name=op.f("fk_sroi_outcomes_worksheet_id_sroi_worksheets"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sroi_outcomes")),
    )
    with op.batch_alter_table("sroi_outcomes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sroi_outcomes_worksheet_id"), ["worksheet_id"], unique=False
        )

    with op.batch_alter_table("community_projects", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lead", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("starts_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ends_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), nullable=False, server_default="proposed")
        )
    op.create_table(
        "project_ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("declared", sa.Boolean(), nullable=False),
        sa.Column("count_json", sa.Text(), nullable=False),
        sa.Column("seed", sa.String(length=40), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_project_ballots_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_ballots")),
    )
    with op.batch_alter_table("project_ballots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_ballots_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "project_ballot_papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("marks", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["project_ballots.id"],
            name=op.f("fk_project_ballot_papers_ballot_id_project_ballots"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_ballot_papers")),
        sa.UniqueConstraint("ballot_id", "number", name="uq_project_ballot_papers_number"),
    )
    with op.batch_alter_table("project_ballot_papers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_ballot_papers_ballot_id"), ["ballot_id"], unique=False
        )

    op.create_table(
        "project_ballot_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["project_ballots.id"],
            name=op.f("fk_project_ballot_choices_ballot_id_project_ballots"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["community_projects.id"],
            name=op.f("fk_project_ballot_choices_project_id_community_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_ballot_choices")),
        sa.UniqueConstraint("ballot_id", "project_id", name="uq_project_ballot_choices_project"),
    )
    with op.batch_alter_table("project_ballot_choices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_ballot_choices_ballot_id"), ["ballot_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("project_ballot_choices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_ballot_choices_ballot_id"))

    op.drop_table("project_ballot_choices")
    with op.batch_alter_table("project_ballot_papers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_ballot_papers_ballot_id"))

    op.drop_table("project_ballot_papers")
    with op.batch_alter_table("project_ballots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_ballots_organisation_id"))

    op.drop_table("project_ballots")
    with op.batch_alter_table("community_projects", schema=None) as batch_op:
        batch_op.drop_column("status")
        batch_op.drop_column("ends_on")
        batch_op.drop_column("starts_on")
        batch_op.drop_column("lead")

    with op.batch_alter_table("sroi_outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sroi_outcomes_worksheet_id"))

    op.drop_table("sroi_outcomes")
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_answers_question_id"))

    op.drop_table("survey_answers")
    with op.batch_alter_table("sroi_worksheets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sroi_worksheets_organisation_id"))

    op.drop_table("sroi_worksheets")
    with op.batch_alter_table("project_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_results_project_id"))

    op.drop_table("project_results")
    with op.batch_alter_table("survey_returns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_returns_survey_id"))

    op.drop_table("survey_returns")
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_questions_survey_id"))

    op.drop_table("survey_questions")
    with op.batch_alter_table("indicator_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_figures_indicator_id"))

    op.drop_table("indicator_figures")
    with op.batch_alter_table("activity_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_sessions_activity_id"))

    op.drop_table("activity_sessions")
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_surveys_organisation_id"))

    op.drop_table("surveys")
    with op.batch_alter_table("reach_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reach_counts_organisation_id"))

    op.drop_table("reach_counts")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_organisation_id"))

    op.drop_table("indicators")
    with op.batch_alter_table("annual_report_words", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_annual_report_words_organisation_id"))

    op.drop_table("annual_report_words")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activities_organisation_id"))

    op.drop_table("activities")

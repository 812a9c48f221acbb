"""Review: every record beside its evidence, and the reviewer's decisions, kept across re-runs.

    records.py      what can be reviewed: record kinds, their ids, evidence spans, correctable fields
    dataset.py      a dataset folder read into indexes (only its own table files are ever opened)
    store.py        decisions in SQLite: who, when, the record before and after; optimistic versions
    corrections.py  form values -> validated records (the schema's pydantic models), added records
    resolve.py      decisions attached to the current dataset: by id, else by evidence, else stale
    decide.py       a reviewer's action -> a stored decision
    reviewed.py     the dataset with decisions applied (export and report share it)
    view.py         what a page shows: highlighted text, record cards, document summaries
    charts.py       the static report's charts (pipeline/review/report.py writes the report), as data for SVG
    app.py          the web app (FastAPI); security.py: CSRF, trusted hosts, headers; server.py: uvicorn
    accounts.py     who may sign in when the app is shared: reviewers, scrypt hashes, sessions (SQLite)
    signin.py       the sign-in form, the session cookie, signing out; throttle.py: failed sign-ins slowed
    templates.py    Jinja2 (autoescape on) over templates/, and the static files in static/ (report.js: the
                    report's index only)
"""

"""The read side: projections, read API, audit trail and the auditors' replay."""

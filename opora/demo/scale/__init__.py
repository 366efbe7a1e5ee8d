"""National-scale generated data: rows written straight to the tables (COPY on PostgreSQL).

`generate_data` builds centres one at a time, each in its own transaction: its staff, people,
families, referrals, cases walked along the status table, their ИОП, ИПП, contracts, reviews,
sessions, deadlines and audit entries. Ids are handed out here, so that rows can point at each
other without a round trip to the database.
"""

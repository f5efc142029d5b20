// Investment projects: the one-stop-shop lifecycle (NDIP §16–§61, Annex 1), pools, monitoring, status events.

// Watchlists (AFM terrorism-financing list, UN SC consolidated list) and name screening.

// Tamper-evident log of every signed message in or out (SHA-256 hash chain), and the replay store.

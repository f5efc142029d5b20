// NDIP gateway: signed envelopes, KYC requests and verdicts, the Kafka and SOAP doors (NDIP §3.25, §40.3).

"""Code shared by every Pårørendekraft service: wire contracts, settings, logging, auth, Kafka."""

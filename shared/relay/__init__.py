"""The no-loss relay: follows a service's notification log and publishes to Kafka."""

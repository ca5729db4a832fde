"""Runtime plumbing shared by every service: the microservice chassis.

Owns settings, JSON logs, traces and metrics, the async database engine and
migrations, the transactional outbox and its relay, idempotent JetStream
consumers, the gRPC server (health, reflection, interceptors) and the service
lifecycle. It knows no service and no domain word, and must never import a
service package, nor ``callers`` (who is calling), which builds on it.
"""

"""HTTP plumbing shared by every service's FastAPI app."""

"""Pure rules of the read side: audit envelopes, hash chains, diffs and figures."""

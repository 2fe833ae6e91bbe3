"""The builder's forms: they parse and give typed inputs; the rules are in the services."""

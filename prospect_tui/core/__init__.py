"""Pure domain: the records, rules and numbers of prospecting. Never imports textual."""

"""The work behind each `protocol` subcommand that is more than a call into the package."""

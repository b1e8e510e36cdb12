"""The engine side of each `vn` command, one module per verb.

A verb's module defines `HELP` (one line for `vn --help`), `add_arguments(parser)` and
`run(args) -> int` (the exit status). `vn.cli` only lists the verbs and imports a verb's module
when that verb is asked for, so `vn play` never pays for the imports of `vn bench`.
"""

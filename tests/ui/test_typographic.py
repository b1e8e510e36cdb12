from vn.render.text import typographic


def smart(text: str) -> str:
    out, prev = [], " "
    for ch in text:
        out.append(typographic(ch, prev))
        prev = ch
    return "".join(out)


def test_quotes_are_set_one_character_for_one():
    assert smart("didn't") == "didn\u2019t"
    assert smart("'Go,' he said.") == "\u2018Go,\u2019 he said."
    assert smart('He said "go" (\'now\')') == "He said \u201cgo\u201d (\u2018now\u2019)"
    assert len(smart("it's \"x\"")) == len("it's \"x\"")

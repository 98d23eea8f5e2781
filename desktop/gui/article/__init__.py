"""The article view: text, its span index and the highlighter."""

"""The annotating screen's panels: corpus, annotations, corpus-wide claims."""

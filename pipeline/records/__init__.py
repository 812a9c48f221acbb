"""Records: a document's validated records and ids (assemble), meetings and instruments merged across
documents (merge), and their bilingual names."""

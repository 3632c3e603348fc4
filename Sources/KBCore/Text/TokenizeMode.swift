/// What a text is tokenized for: a document being indexed, or a query (FTS5 passes the same distinction
/// to its tokenizers). Documents additionally get whole compound identifiers as colocated tokens.
public enum TokenizeMode: Sendable {
    /// Indexing: identifiers yield their parts and the whole compound (colocated with the first part).
    case document
    /// Querying: identifiers yield only their parts, which FTS5 matches as a phrase.
    case query
}

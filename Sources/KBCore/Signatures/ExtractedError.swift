/// An error message found in an article by ``ErrorExtractor``.
public struct ExtractedError: Hashable, Sendable {
    /// Where in the article the message was found, from strongest to weakest evidence.
    public enum Source: String, Sendable {
        /// Declared by the author in the front matter (`errors:`).
        case frontMatter
        /// The article's title, when it is itself an error message. Set by the caller
        /// (``ErrorExtractor`` reads only the body and the declared list).
        case title
        /// A line of a code block in a section headed "Message" (or its translation): the article's own error.
        case messageSection
        /// A line of a fenced or indented code block, or a comment in one.
        case codeBlock
        /// An inline code span in prose.
        case inlineCode
        /// A line of prose that is itself an error message.
        case prose

        /// Higher is stronger; used to keep the best source of a duplicate.
        var strength: Int {
            switch self {
            case .frontMatter: 5
            case .title: 4
            case .messageSection: 3
            case .codeBlock: 2
            case .inlineCode: 1
            case .prose: 0
            }
        }
    }

    /// The message as written in the article, without comment markers or macros.
    public var raw: String
    /// Where the message was found.
    public var source: Source
    /// The 1-based line in the Markdown body, or `0` for front matter.
    public var line: Int
    /// The normalized signature of ``raw``.
    public var signature: ErrorSignature

    /// Creates an extracted error.
    public init(raw: String, source: Source, line: Int, signature: ErrorSignature) {
        self.raw = raw
        self.source = source
        self.line = line
        self.signature = signature
    }
}

/// Picks the error lines out of pasted input (an error message, a stack trace or a
/// whole CI log) and normalizes each into an ``ErrorSignature``.
///
/// Lines are split on `\n`, `\r\n` and `\r`. Noise is dropped with a reason:
/// blank lines, separators and caret lines, download and build progress, stack
/// frames (JavaScript, Java, Python, Rust, Go, native), source code echoed by crash
/// output, footers such as `Node.js v20.20.2` or `Process completed with exit code 1`.
/// Lines that read as errors (``ErrorLineClassifier/score(_:)`` above 0) are kept,
/// de-duplicated by signature hash. The first error line and the last one weigh
/// `1.0`; the ones in between weigh from `0.5` to `0.8` with the score of their
/// message. A line that reads as an error only through its wrapper (`npm ERR! 403 In
/// most cases, you…`) is kept but does not count as the first or the last one.
///
/// When no line reads as an error (a plain query such as `how to fix a frozen
/// object`), the whole input is one query: it is kept as a single line of weight 1
/// and ``hasErrorLines`` is `false`.
///
/// ```swift
/// let triage = Triage(log)
/// for line in triage.kept { print(line.weight, line.signature.text) }
/// search(triage.informativeText)
/// ```
///
/// Triage scans UTF-8 bytes by hand and normalizes only the error lines: a 1 MiB
/// CI log is triaged in a few milliseconds in a release build.
public struct Triage: Sendable {
    /// A line kept as an error line (or, without error lines, the whole input).
    public struct Line: Sendable {
        /// The 1-based line number in the input.
        public var number: Int
        /// The line without ANSI escapes, CI timestamps, BuildKit step numbers,
        /// workflow commands and surrounding spaces. Without error lines, the lines of
        /// the input that are not noise, joined with `\n`.
        public var text: String
        /// How much the line should count in ranking, from 0 to 1.
        public var weight: Double
        /// The normalized signature of the line.
        public var signature: ErrorSignature
    }

    /// A line that was not kept, and why.
    public struct Dropped: Sendable {
        /// The 1-based line number in the input.
        public var number: Int
        /// The line without ANSI escapes and trailing spaces (cut to 200 bytes for lines
        /// past `maxBytes`).
        public var text: String
        /// Why the line was dropped.
        public var reason: Reason
    }

    /// Why a line was dropped.
    public enum Reason: String, Sendable {
        /// Empty or only spaces.
        case blank
        /// Only punctuation: `-----`, `=====`, carets under echoed code.
        case separator
        /// Download, pull, push or build progress.
        case progress
        /// A stack frame or a bare source location.
        case stackFrame
        /// The same signature as an earlier kept line.
        case duplicate
        /// Does not read as an error, or is echoed code, a footer or a summary.
        case noise
        /// Reads as an error but nothing meaningful remains after normalization.
        case noSignature
        /// Past `maxBytes`, or beyond the `maxKept` error lines.
        case overLimit
    }

    /// The kept lines, in input order.
    public var kept: [Line]
    /// The dropped lines, in input order.
    public var dropped: [Dropped]
    /// What should go to full-text search: the kept lines, one per line, or without
    /// error lines, the input itself cut to ``fallbackLimit`` bytes.
    public var informativeText: String
    /// Whether some line reads as an error.
    public var hasErrorLines: Bool

    /// The most bytes of input kept as one query when no line reads as an error.
    public static let fallbackLimit = 4096

    /// Weight of the first and the last error line.
    static let edgeWeight = 1.0

    /// Triages pasted input.
    ///
    /// - Parameters:
    ///   - input: An error message, a stack trace or a whole log.
    ///   - maxBytes: Input past this many UTF-8 bytes is cut at a character boundary,
    ///     and the lines past the cut are dropped as ``Reason/overLimit``.
    ///   - maxKept: At most this many error lines are kept: the first half and the
    ///     last half of them; the ones between are dropped as ``Reason/overLimit``.
    public init(_ input: String, maxBytes: Int = 1 << 20, maxKept: Int = 32) {
        var input = input
        let result = input.withUTF8 { bytes in
            if bytes.contains(0x1B) {
                let cleaned = LinePrefix.removingEscapes(bytes)
                return cleaned.withUnsafeBufferPointer { Run(s: $0, maxBytes: maxBytes, maxKept: maxKept).result() }
            }
            return Run(s: bytes, maxBytes: maxBytes, maxKept: maxKept).result()
        }
        self = result
    }

    private init(kept: [Line], dropped: [Dropped], informativeText: String, hasErrorLines: Bool) {
        self.kept = kept
        self.dropped = dropped
        self.informativeText = informativeText
        self.hasErrorLines = hasErrorLines
    }
}

// MARK: - Run

extension Triage {
    private struct Record {
        var start: Int
        var end: Int
        /// Start of the content after CI decoration and leading spaces.
        var content: Int
        var indent: Int
        var shape: LineShape
        var score: Double = 0
    }

    private struct Run {
        let s: UTF8Text.Bytes
        let maxBytes: Int
        let maxKept: Int

        func result() -> Triage {
            let limit = UTF8Text.characterBoundary(s, atMost: max(0, maxBytes))
            var records: [Record] = []
            var overLimit: [Dropped] = []
            splitLines(limit: limit, into: &records, overLimit: &overLimit)
            classify(&records)
            markEchoedCode(&records)
            return select(records, overLimit: overLimit)
        }

        // MARK: Splitting

        func splitLines(limit: Int, into records: inout [Record], overLimit: inout [Dropped]) {
            let total = s.count
            var i = 0
            var number = 0
            while i < total {
                let start = i
                while i < total && s[i] != 0x0A && s[i] != 0x0D { i += 1 }
                let end = i
                if i < total {
                    i += s[i] == 0x0D && i + 1 < total && s[i + 1] == 0x0A ? 2 : 1
                }
                number += 1
                if start >= limit {
                    let cut = UTF8Text.characterBoundary(s, atMost: min(end, start + 200))
                    overLimit.append(Dropped(number: number, text: UTF8Text.string(s, start, max(start, cut)), reason: .overLimit))
                } else {
                    records.append(Record(start: start, end: min(end, limit), content: start, indent: 0, shape: .text))
                }
            }
        }

        // MARK: Classifying

        func classify(_ records: inout [Record]) {
            for k in records.indices {
                var e = records[k].end
                let a = records[k].start
                while e > a && UTF8Text.isSpace(s[e - 1]) { e -= 1 }
                var indent = 0
                var i = a
                while i < e && (s[i] == 0x20 || s[i] == 0x09) {
                    indent += s[i] == 0x09 ? 4 : 1
                    i += 1
                }
                let c = LinePrefix.skipCI(s, a, e)
                records[k].end = e
                records[k].content = c
                records[k].indent = indent
                var shape = LineShape.of(s, c, e)
                var score = 0.0
                if shape == .text || shape == .progress {
                    score = ErrorLineClassifier.score(utf8: UnsafeBufferPointer(rebasing: s[c..<e]))
                    if shape == .progress {
                        if score >= 0.6 { shape = .text } else { score = 0 }
                    }
                }
                records[k].shape = shape
                records[k].score = score
            }
        }

        /// Source code echoed by crash output sits above a caret line, below a bare
        /// location (`/app/index.js:4`), or below a deeper-indented Python frame.
        func markEchoedCode(_ records: inout [Record]) {
            for k in records.indices {
                switch records[k].shape {
                case .caret:
                    if k > 0, isEchoCandidate(records[k - 1]) { records[k - 1].shape = .code }
                case .location:
                    if k + 1 < records.count, isEchoCandidate(records[k + 1]) { records[k + 1].shape = .code }
                case .pythonFrame:
                    if k + 1 < records.count, records[k + 1].indent > records[k].indent, isEchoCandidate(records[k + 1]) {
                        records[k + 1].shape = .code
                    }
                default:
                    break
                }
            }
        }

        private func isEchoCandidate(_ record: Record) -> Bool {
            guard record.shape == .text else { return false }
            let content = UnsafeBufferPointer(rebasing: s[record.content..<record.end])
            return !ErrorLineClassifier.startsWithErrorMarker(utf8: content)
        }

        // MARK: Selecting

        private struct Candidate {
            var record: Int
            var signature: ErrorSignature
            /// The score of the message without its wrappers (`npm ERR!`, `ERROR:`):
            /// `0` when only the wrapper says the line is an error, as for the help text
            /// npm prints after `npm ERR!`.
            var messageScore: Double
        }

        func select(_ records: [Record], overLimit: [Dropped]) -> Triage {
            var reasons = [Reason?](repeating: nil, count: records.count)
            var unique: [Candidate] = []
            var seen: Set<UInt64> = []
            var lastErrorHash: UInt64? = nil
            var lastMessageHash: UInt64? = nil
            for (k, record) in records.enumerated() {
                switch record.shape {
                case .blank: reasons[k] = .blank
                case .separator, .caret: reasons[k] = .separator
                case .progress: reasons[k] = .progress
                case .frame, .pythonFrame, .location: reasons[k] = .stackFrame
                case .gutter, .footer, .code: reasons[k] = .noise
                case .text:
                    guard record.score > 0 else {
                        reasons[k] = .noise
                        continue
                    }
                    if LineShape.isFooter(s, record.content, record.end) {
                        reasons[k] = .noise
                        continue
                    }
                    let bytes = UnsafeBufferPointer(rebasing: s[record.start..<record.end])
                    guard let signature = ErrorSignature(utf8: bytes) else {
                        reasons[k] = .noSignature
                        continue
                    }
                    let message = LinePrefix.skipAll(s, record.start, record.end)
                    let messageScore = ErrorLineClassifier.score(utf8: UnsafeBufferPointer(rebasing: s[message..<record.end]))
                    lastErrorHash = signature.hash
                    if messageScore > 0 { lastMessageHash = signature.hash }
                    if seen.insert(signature.hash).inserted {
                        unique.append(Candidate(record: k, signature: signature, messageScore: messageScore))
                    } else {
                        reasons[k] = .duplicate
                    }
                }
            }
            if unique.isEmpty {
                return fallback(records, reasons: reasons, overLimit: overLimit)
            }
            // Keep the first and the last error lines when there are too many.
            let keepCount = max(0, maxKept)
            var keptCandidates = unique
            if unique.count > keepCount {
                let head = keepCount - keepCount / 2
                let tail = keepCount / 2
                keptCandidates = Array(unique.prefix(head)) + Array(unique.suffix(tail))
                for candidate in unique[head..<(unique.count - tail)] { reasons[candidate.record] = .overLimit }
            }
            // The first and the last error lines weigh most; lines that are errors only by
            // their wrapper do not count as first or last when others have a message.
            let first = keptCandidates.firstIndex { $0.messageScore > 0 } ?? 0
            let lastHash = lastMessageHash ?? lastErrorHash
            var kept: [Line] = []
            kept.reserveCapacity(keptCandidates.count)
            for (n, candidate) in keptCandidates.enumerated() {
                let record = records[candidate.record]
                let isEdge = n == first || candidate.signature.hash == lastHash
                let weight = isEdge ? Triage.edgeWeight : 0.5 + 0.3 * candidate.messageScore
                kept.append(
                    Line(
                        number: candidate.record + 1, text: UTF8Text.string(s, record.content, record.end), weight: weight,
                        signature: candidate.signature))
            }
            let informative = kept.map(\.text).joined(separator: "\n")
            return Triage(
                kept: kept, dropped: droppedLines(records, reasons: reasons, overLimit: overLimit),
                informativeText: informative, hasErrorLines: true)
        }

        /// No line reads as an error: the input is one query.
        func fallback(_ records: [Record], reasons: [Reason?], overLimit: [Dropped]) -> Triage {
            var reasons = reasons
            var text: [UInt8] = []
            var firstNumber = 0
            for (k, record) in records.enumerated() {
                switch record.shape {
                case .text, .code, .footer:
                    let start = record.content
                    let separator = text.isEmpty ? 0 : 1
                    if text.count + separator + (record.end - start) > Triage.fallbackLimit {
                        let room = Triage.fallbackLimit - text.count - separator
                        if room > 0 && text.isEmpty {
                            let cut = UTF8Text.characterBoundary(s, atMost: start + room)
                            text.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<cut]))
                            reasons[k] = nil
                            if firstNumber == 0 { firstNumber = k + 1 }
                        } else {
                            reasons[k] = .overLimit
                        }
                        continue
                    }
                    if separator == 1 { text.append(0x0A) }
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<record.end]))
                    reasons[k] = nil
                    if firstNumber == 0 { firstNumber = k + 1 }
                default:
                    break
                }
            }
            let query = String(decoding: text, as: UTF8.self)
            var kept: [Line] = []
            if let signature = ErrorSignature(line: query) {
                kept.append(Line(number: firstNumber, text: query, weight: 1, signature: signature))
            }
            return Triage(
                kept: kept, dropped: droppedLines(records, reasons: reasons, overLimit: overLimit), informativeText: query,
                hasErrorLines: false)
        }

        func droppedLines(_ records: [Record], reasons: [Reason?], overLimit: [Dropped]) -> [Dropped] {
            var dropped: [Dropped] = []
            dropped.reserveCapacity(records.count + overLimit.count)
            for (k, record) in records.enumerated() {
                guard let reason = reasons[k] else { continue }
                dropped.append(Dropped(number: k + 1, text: UTF8Text.string(s, record.start, record.end), reason: reason))
            }
            dropped.append(contentsOf: overLimit)
            return dropped
        }
    }
}

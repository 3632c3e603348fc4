import KBCore

/// The search response as JSON bytes, written directly: the same bytes `JSONCoding.encoder` produces (sorted keys,
/// slashes unescaped, absent optionals left out, integral doubles without a fraction), at a fraction of its cost
/// (Foundation's encoder was a sixth of the server's time per uncached search). `SearchJSONTests` holds the two equal.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

    mutating func double(_ v: Double) {
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

    mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

extension SearchResponse {
    /// `{"query":…,"results":[…],"total":…}`, keys sorted as `JSONCoding.encoder` sorts them.
    func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 1024 + results.count * 2048)
        w.raw("{\"query\":")
        w.string(query)
        w.raw(",\"results\":")
        w.array(results) { w, r in r.write(to: &w) }
        w.raw(",\"total\":")
        w.int(total)
        w.raw("}")
        return w.bytes
    }
}

extension SearchResult {
    func write(to w: inout JSONWriter) {
        w.raw("{\"lang\":")
        w.string(lang)
        w.raw(",\"matched\":")
        w.array(matched) { w, m in
            w.raw("{\"kind\":")
            w.string(m.kind.rawValue)
            w.raw(",\"line\":")
            w.string(m.line)
            if let signature = m.signature {
                w.raw(",\"signature\":")
                w.string(signature)
            }
            w.raw("}")
        }
        w.raw(",\"path\":")
        w.string(path)
        w.raw(",\"score\":")
        w.double(score)
        w.raw(",\"slug\":")
        w.string(slug)
        w.raw(",\"snippet\":")
        w.string(snippet)
        w.raw(",\"snippetSegments\":")
        w.array(snippetSegments) { w, s in
            w.raw("{\"highlight\":")
            w.bool(s.highlight)
            w.raw(",\"text\":")
            w.string(s.text)
            w.raw("}")
        }
        w.raw(",\"summary\":")
        w.string(summary)
        w.raw(",\"tags\":")
        w.array(tags) { w, t in w.string(t) }
        w.raw(",\"title\":")
        w.string(title)
        w.raw(",\"translations\":")
        w.array(translations) { w, t in
            w.raw("{\"lang\":")
            w.string(t.lang)
            w.raw(",\"slug\":")
            w.string(t.slug)
            w.raw(",\"title\":")
            w.string(t.title)
            w.raw("}")
        }
        w.raw("}")
    }
}

import Foundation
import Testing

import KBCore

@Suite("Tokenizer robustness")
struct TokenizerRobustnessTests {
    /// Checks what must hold for any input: tokens are non-empty valid UTF-8 of at most 64 bytes, spans lie
    /// inside the text, starts never go backwards, the first token is not colocated, and — for valid UTF-8
    /// input — spans start and end on character boundaries.
    static func checkInvariants(_ bytes: [UInt8], mode: TokenizeMode, validUTF8: Bool) -> [String] {
        var problems: [String] = []
        var previousStart = 0
        var first = true
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer.tokenize(buffer, mode: mode) { token, start, end, colocated in
                let text = String(decoding: token, as: UTF8.self)
                if token.isEmpty { problems.append("empty token") }
                if token.count > Tokenizer.maxTokenBytes { problems.append("long token \(token.count)") }
                if Array(text.utf8) != Array(token) { problems.append("invalid UTF-8 token") }
                if text.unicodeScalars.contains(where: { $0.value == 0 }) { problems.append("NUL in token") }
                if !(0 <= start && start < end && end <= bytes.count) { problems.append("span \(start)..<\(end)") }
                if start < previousStart { problems.append("start went back \(previousStart) → \(start)") }
                if first, colocated { problems.append("first token colocated") }
                if mode == .query, colocated { problems.append("colocated token in query mode") }
                if validUTF8 {
                    for offset in [start, end] where offset < bytes.count && bytes[offset] & 0xC0 == 0x80 {
                        problems.append("span \(start)..<\(end) splits a character")
                    }
                }
                previousStart = start
                first = false
                return problems.count < 5
            }
        }
        return problems
    }

    @Test("thousands of random byte buffers", arguments: [TokenizeMode.document, .query])
    func randomBytes(mode: TokenizeMode) {
        var generator = TokenizerTestRNG(seed: 0xB17E5)
        for round in 0..<3000 {
            let count = Int.random(in: 0...300, using: &generator)
            var bytes = [UInt8](repeating: 0, count: count)
            for index in bytes.indices {
                // Bias towards bytes that form (or almost form) multi-byte sequences.
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0x80...0xBF, using: &generator)
                case 1: bytes[index] = UInt8.random(in: 0xC0...0xFF, using: &generator)
                case 2: bytes[index] = UInt8.random(in: 0x20...0x7E, using: &generator)
                default: bytes[index] = UInt8.random(in: 0...0xFF, using: &generator)
                }
            }
            let problems = Self.checkInvariants(bytes, mode: mode, validUTF8: false)
            #expect(problems.isEmpty, "round \(round): \(problems) for \(bytes)")
            if !problems.isEmpty { return }
        }
    }

    /// Characters from every class the tokenizer distinguishes, including the awkward ones.
    static let pools: [[Unicode.Scalar]] = {
        func scalars(_ ranges: ClosedRange<UInt32>...) -> [Unicode.Scalar] {
            ranges.flatMap { $0.compactMap(Unicode.Scalar.init) }
        }
        return [
            scalars(0x61...0x7A, 0x41...0x5A, 0x30...0x39),
            Array("_.:-  \t\n.,;!?()[]{}\"'`*^+/\\#@".unicodeScalars),
            scalars(0x3041...0x3096, 0x30A1...0x30FA),
            Array("ーーーｰ―─—−々ヶ・、。「」".unicodeScalars),
            scalars(0x4E00...0x4E80, 0x6A29...0x6A30),
            scalars(0xFF66...0xFF9F),
            scalars(0xFF01...0xFF5E),
            scalars(0xAC00...0xAC40, 0xD7A0...0xD7A3, 0x1100...0x1112, 0x1161...0x1175, 0x11A8...0x11C2),
            scalars(0x3131...0x318E),
            scalars(0x0300...0x036F, 0x3099...0x309A, 0x20D0...0x20F0),
            scalars(0x200B...0x200F, 0x2060...0x2064, 0xFE00...0xFE0F, 0xFEFF...0xFEFF, 0x00AD...0x00AD),
            scalars(0x1F300...0x1F320, 0x1F3FB...0x1F3FF, 0x1F600...0x1F610, 0x2600...0x2610),
            scalars(0x00C0...0x024F, 0x0370...0x03FF, 0x0400...0x04FF),
            scalars(0x2460...0x24FF, 0x3200...0x33FF, 0xF900...0xF910, 0xFB00...0xFB06),
            scalars(0x0080...0xFFFF),
            scalars(0x20000...0x20010, 0xE0100...0xE0105, 0x1D400...0x1D410, 0x10FFF0...0x10FFFF),
        ]
    }()

    @Test("thousands of random Unicode strings", arguments: [TokenizeMode.document, .query])
    func randomUnicode(mode: TokenizeMode) {
        var generator = TokenizerTestRNG(seed: 0x5EED)
        for round in 0..<3000 {
            var view = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...80, using: &generator) {
                let pool = Self.pools.randomElement(using: &generator)!
                view.append(pool.randomElement(using: &generator)!)
            }
            let text = String(view)
            let problems = Self.checkInvariants(Array(text.utf8), mode: mode, validUTF8: true)
            #expect(problems.isEmpty, "round \(round): \(problems) for \(text.unicodeScalars.map(\.value))")
            if !problems.isEmpty { return }
        }
    }

    @Test(
        "one megabyte inputs finish",
        arguments: [
            "mixed", "one word", "one compound", "one kanji run", "combining marks", "decomposed accents",
            "half-width voiced", "emoji", "zero-width", "random bytes", "NUL",
        ])
    func oneMegabyte(kind: String) {
        let size = 1 << 20
        var bytes: [UInt8]
        func repeated(_ unit: String) -> [UInt8] {
            var bytes = Array(unit.utf8)
            while bytes.count < size { bytes += bytes }
            return bytes
        }
        switch kind {
        case "mixed":
            bytes = repeated(
                "EACCES: permission_denied in node:internal — サーバーの権限エラー、레포지토리의 설정을 확인. 🔥 Ｅｒｒｏｒ ｴﾗｰ\n")
        case "one word": bytes = repeated("a")
        case "one compound": bytes = repeated("ab.")
        case "one kanji run": bytes = repeated("権限")
        case "combining marks": bytes = Array("e".utf8) + repeated("\u{301}")
        case "decomposed accents": bytes = repeated("e\u{301}")
        case "half-width voiced": bytes = repeated("ｶﾞ")
        case "emoji": bytes = repeated("👨‍👩‍👧")
        case "zero-width": bytes = repeated("a\u{200B}")
        case "NUL": bytes = [UInt8](repeating: 0, count: size)
        default:
            var generator = TokenizerTestRNG(seed: 1)
            bytes = [UInt8](repeating: 0, count: size)
            bytes.withUnsafeMutableBytes { raw in
                for index in 0..<(size / 8) { raw.storeBytes(of: generator.next(), toByteOffset: index * 8, as: UInt64.self) }
            }
        }
        var count = 0
        var longest = 0
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer.tokenize(buffer, mode: .document) { token, start, end, _ in
                count += 1
                longest = max(longest, token.count)
                return start < end && end <= buffer.count
            }
        }
        #expect(longest <= Tokenizer.maxTokenBytes)
        switch kind {
        case "one word", "decomposed accents", "zero-width", "combining marks": #expect(count == 1)
        case "emoji", "NUL": #expect(count == 0)
        default: #expect(count > 0)
        }
    }
}

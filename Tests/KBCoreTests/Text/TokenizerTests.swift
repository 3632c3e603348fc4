import Foundation
import Testing

import KBCore

@Suite("Tokenizer")
struct TokenizerTests {
    // MARK: Normalization

    @Test(
        "NFKC and case folding",
        arguments: [
            ("Ｅｒｒｏｒ", ["error"]),
            ("ＡＰＩ　ｋｅｙ", ["api", "key"]),
            ("ＥＲＲ＿ＣＯＤＥ", ["err", "err_code", "code"]),
            ("ｴﾗｰ", ["エラ", "ラー"]),
            ("ｶﾞｲﾄﾞ", ["ガイ", "イド"]),
            ("ﾊﾟｽﾜｰﾄﾞ", ["パス", "スワ", "ワー", "ード"]),
            ("ｳﾞｧ", ["ヴァ"]),
            ("ﬁle", ["file"]),
            ("①", ["1"]),
            ("x²", ["x2"]),
            ("Ⅻ", ["xii"]),
            ("㍿", ["株式", "式会", "会社"]),
            ("㈱", ["株"]),
            ("㎏", ["kg"]),
            ("É", ["é"]),
            ("ÀÉÎÕÜ Straße", ["àéîõü", "straße"]),
            ("ΑΒΓ Ωμέγα", ["αβγ", "ωμέγα"]),
            ("Σίσυφος ΣΊΣΥΦΟΣ", ["σίσυφοσ", "σίσυφοσ"]),
            ("ПРИВЕТ Ёж", ["привет", "ёж"]),
            ("Ǆ Ā", ["d\u{17E}", "ā"]),
            ("e\u{301}cole", ["école"]),
            ("\u{304B}\u{3099}", ["が"]),
            ("\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}", ["한글"]),
            ("\u{D55C}\u{1100}\u{1173}\u{11AF}", ["한글"]),
            ("ﾊﾝｸﾞﾙ　ﾃｽﾄ", ["ハン", "ング", "グル", "テス", "スト"]),
            ("\u{00A0}nbsp\u{3000}space\u{2003}", ["nbsp", "space"]),
        ] as [(String, [String])])
    func normalization(input: String, expected: [String]) {
        #expect(Tokenizer.tokens(input) == expected)
    }

    /// Every BMP character gives the same tokens as its NFKC + lower-cased form computed by Foundation:
    /// the fast paths (tables, ranges) agree with the reference normalization.
    @Test("fast paths agree with Foundation over the BMP")
    func agreesWithFoundation() {
        var mismatches: [String] = []
        for value in UInt32(0x80)...0xFFFF {
            // Stray half-width voiced marks are dropped rather than turned into combining marks;
            // final sigma is case-folded to σ (lowercased() keeps ς).
            guard value != 0xFF9E, value != 0xFF9F, value != 0x03C2, let scalar = Unicode.Scalar(value) else {
                continue
            }
            let text = String(Character(scalar))
            let reference = text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
                .lowercased()
            let got = Tokenizer.tokens("a" + text + "a")
            let expected = Tokenizer.tokens("a" + reference + "a")
            if got != expected, mismatches.count < 60 {
                mismatches.append(String(format: "U+%04X %@ != %@", value, "\(got)", "\(expected)"))
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("half-width katakana with voiced marks agree with Foundation")
    func halfwidthVoicedMarks() {
        for base in UInt32(0xFF66)...0xFF9D {
            for mark in [UInt32(0xFF9E), 0xFF9F] {
                let text = String(String.UnicodeScalarView([Unicode.Scalar(base)!, Unicode.Scalar(mark)!]))
                let reference = text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
                    .unicodeScalars.filter { $0.value != 0x3099 && $0.value != 0x309A }
                let expected = Tokenizer.tokens("ア" + String(String.UnicodeScalarView(reference)))
                #expect(Tokenizer.tokens("ア" + text) == expected, "U+\(String(base, radix: 16))")
            }
        }
    }

    // MARK: Prolonged sound mark

    @Test(
        "width and dash variants of the prolonged sound mark give the same tokens",
        arguments: [
            ["サーバー", "ｻｰﾊﾞｰ", "サーバ―", "サーバ─", "サ―バ―"],
            ["サーバ", "ｻｰﾊﾞ", "サ―バ", "サ─バ"],
            ["コンピューター", "ｺﾝﾋﾟｭｰﾀｰ"],
            ["エラー", "ｴﾗｰ", "エラ―"],
            ["サーバーの設定", "ｻｰﾊﾞｰの設定", "サーバ―の設定"],
        ])
    func prolongedSoundMarkVariants(variants: [String]) {
        for mode in [TokenizeMode.document, .query] {
            let expected = Tokenizer.tokens(variants[0], mode: mode)
            #expect(!expected.isEmpty)
            for variant in variants {
                #expect(Tokenizer.tokens(variant, mode: mode) == expected, "\(variant) \(mode)")
            }
        }
    }

    @Test(
        "a trailing ー on katakana words of four or more characters is folded",
        arguments: [
            ["サーバー", "サーバ", "ｻｰﾊﾞｰ", "ｻｰﾊﾞ", "サーバ―"],
            ["コンピューター", "コンピュータ", "ｺﾝﾋﾟｭｰﾀｰ"],
            ["ユーザー", "ユーザ"],
            ["ランタイムエラー", "ランタイムエラ"],
        ])
    func longVowelFolding(variants: [String]) {
        // As queries, every spelling gives the same tokens …
        let query = Tokenizer.tokens(variants[0], mode: .query)
        for variant in variants {
            #expect(Tokenizer.tokens(variant, mode: .query) == query, "\(variant)")
        }
        // … which every spelling in a document contains as a phrase, alone or followed by more text.
        for variant in variants {
            for document in [variant, variant + "の設定", variant + "設定", "新しい" + variant, variant + " x"] {
                #expect(containsPhrase(Tokenizer.tokens(document), query), "\(query) in \(document)")
            }
        }
    }

    @Test(
        "prolonged sound mark rules",
        arguments: [
            ("エラー", TokenizeMode.query, ["エラ", "ラー"]),
            ("エラー", .document, ["エラ", "ラー"]),
            ("サーバー", .query, ["サー", "ーバ"]),
            ("サーバー", .document, ["サー", "ーバ", "バー"]),
            ("コンピューター", .query, ["コン", "ンピ", "ピュ", "ュー", "ータ"]),
            ("キー", .query, ["キー"]),
            ("サーバーの", .query, ["サー", "ーバ", "バー", "ーの"]),
            ("ランタイムエラー", .query, ["ラン", "ンタ", "タイ", "イム", "ムエ", "エラ"]),
            ("ランタイムエラー", .document, ["ラン", "ンタ", "タイ", "イム", "ムエ", "エラ", "ラー"]),
            ("すごーい", .query, ["すご", "ごー", "ーい"]),
            ("ー", .document, []),
            ("A ― B", .document, ["a", "b"]),
            ("───", .document, []),
            ("表─1", .document, ["表", "1"]),
            ("エラ—ラ", .document, ["エラ", "ラー", "ーラ"]),
            ("エラ—原因", .document, ["エラ", "原因"]),
            ("エラ−ラ", .document, ["エラ", "ラー", "ーラ"]),
            ("a-b", .document, ["a", "a-b", "b"]),
        ] as [(String, TokenizeMode, [String])])
    func prolongedSoundMark(input: String, mode: TokenizeMode, expected: [String]) {
        #expect(Tokenizer.tokens(input, mode: mode) == expected)
    }

    // MARK: CJK and Hangul bigrams

    @Test(
        "CJK and Hangul runs give overlapping bigrams",
        arguments: [
            ("権限エラー", ["権限", "限エ", "エラ", "ラー"]),
            ("権限", ["権限"]),
            ("権", ["権"]),
            ("権限 と 設定", ["権限", "と", "設定"]),
            ("色々な人々", ["色々", "々な", "な人", "人々"]),
            ("権限、設定。", ["権限", "設定"]),
            ("레포지토리의", ["레포", "포지", "지토", "토리", "리의"]),
            ("권한", ["권한"]),
            ("권", ["권"]),
            ("한국語", ["한국", "語"]),
            ("3つ", ["3", "つ"]),
            ("中文分词", ["中文", "文分", "分词"]),
        ] as [(String, [String])])
    func bigrams(input: String, expected: [String]) {
        #expect(Tokenizer.tokens(input) == expected)
    }

    @Test(
        "a word's tokens are found in the tokens of longer text containing it",
        arguments: [
            ("権限", "権限エラー"),
            ("エラー", "権限エラーが出る"),
            ("권한", "권한이"),
            ("레포지토리", "레포지토리의"),
            ("레포지토리", "레포지토리를"),
            ("サーバ", "サーバーの設定"),
            ("読み取り専用", "読み取り専用のファイル"),
            ("エラー", "ランタイムエラー"),
            ("キー", "ショートカットキー"),
            ("サーバー", "データベースサーバ"),
            ("permission_denied", "Error: permission_denied (os error 13)"),
            ("non-fast-forward", "rejected (non-fast-forward)"),
        ])
    func containment(word: String, text: String) {
        let wordTokens = Tokenizer.tokens(word, mode: .query)
        let textTokens = spannedTokens(text).filter { !$0.colocated }.map(\.text)
        #expect(!wordTokens.isEmpty)
        // The word's tokens appear consecutively (a phrase match).
        #expect(containsPhrase(textTokens, wordTokens), "\(wordTokens) in \(textTokens)")
    }

    @Test("bigram spans cover their two source characters")
    func bigramSpans() {
        #expect(
            spannedTokens("権限エラー")
                == [
                    SpannedToken("権限", 0, 6), SpannedToken("限エ", 3, 9), SpannedToken("エラ", 6, 12),
                    SpannedToken("ラー", 9, 15),
                ])
        // Half-width source: ｻ(3) ｰ(3) ﾊﾞ(6) ｰ(3, folded away).
        #expect(
            spannedTokens("ｻｰﾊﾞｰ")
                == [SpannedToken("サー", 0, 6), SpannedToken("ーバ", 3, 12), SpannedToken("バー", 6, 15)])
        #expect(
            spannedTokens("ｻｰﾊﾞｰ", mode: .query) == [SpannedToken("サー", 0, 6), SpannedToken("ーバ", 3, 12)])
        #expect(spannedTokens("x 권한") == [SpannedToken("x", 0, 1), SpannedToken("권한", 2, 8)])
    }

    // MARK: Mixed scripts

    @Test(
        "ASCII glued to CJK or Hangul splits at the script boundary",
        arguments: [
            ("pushしたとき", ["push", "した", "たと", "とき"]),
            ("issue化", ["issue", "化"]),
            ("new로", ["new", "로"]),
            ("Git의 설정", ["git", "의", "설정"]),
            ("エラーE0382発生", ["エラ", "ラー", "e0382", "発生"]),
            ("node:internalで", ["node", "node:internal", "internal", "で"]),
        ] as [(String, [String])])
    func mixedScripts(input: String, expected: [String]) {
        #expect(Tokenizer.tokens(input) == expected)
    }

    // MARK: Identifiers

    @Test(
        "identifiers: parts plus the colocated compound in documents",
        arguments: [
            (
                "permission_denied",
                [
                    SpannedToken("permission", 0, 10), SpannedToken("permission_denied", 0, 17, colocated: true),
                    SpannedToken("denied", 11, 17),
                ]
            ),
            (
                "x ERR_REQUIRE_ESM.",
                [
                    SpannedToken("x", 0, 1), SpannedToken("err", 2, 5),
                    SpannedToken("err_require_esm", 2, 17, colocated: true), SpannedToken("require", 6, 13),
                    SpannedToken("esm", 14, 17),
                ]
            ),
            (
                "node:internal",
                [
                    SpannedToken("node", 0, 4), SpannedToken("node:internal", 0, 13, colocated: true),
                    SpannedToken("internal", 5, 13),
                ]
            ),
            (
                "JSON.parse()",
                [
                    SpannedToken("json", 0, 4), SpannedToken("json.parse", 0, 10, colocated: true),
                    SpannedToken("parse", 5, 10),
                ]
            ),
            (
                "non-fast-forward",
                [
                    SpannedToken("non", 0, 3), SpannedToken("non-fast-forward", 0, 16, colocated: true),
                    SpannedToken("fast", 4, 8), SpannedToken("forward", 9, 16),
                ]
            ),
            (
                "std::io",
                [
                    SpannedToken("std", 0, 3), SpannedToken("std::io", 0, 7, colocated: true),
                    SpannedToken("io", 5, 7),
                ]
            ),
            ("E0382", [SpannedToken("e0382", 0, 5)]),
            ("end.", [SpannedToken("end", 0, 3)]),
            ("Error: x", [SpannedToken("error", 0, 5), SpannedToken("x", 7, 8)]),
            ("--force", [SpannedToken("force", 2, 7)]),
            ("a - b", [SpannedToken("a", 0, 1), SpannedToken("b", 4, 5)]),
            ("a..b", [SpannedToken("a", 0, 1), SpannedToken("b", 3, 4)]),
            ("a__b", [SpannedToken("a", 0, 1), SpannedToken("b", 3, 4)]),
            ("__init__", [SpannedToken("init", 2, 6)]),
            (
                "Ｅｒｒｏｒ＿ｃｏｄｅ",
                [
                    SpannedToken("error", 0, 15), SpannedToken("error_code", 0, 30, colocated: true),
                    SpannedToken("code", 18, 30),
                ]
            ),
        ] as [(String, [SpannedToken])])
    func identifiers(input: String, expected: [SpannedToken]) {
        #expect(spannedTokens(input) == expected)
        // Query mode: the same tokens without the compound.
        #expect(spannedTokens(input, mode: .query) == expected.filter { !$0.colocated })
    }

    @Test("every span points at source bytes that produce the token")
    func spansPointAtSource() {
        let text = "Run `npm install` — EACCES: permission_denied in node:internal; サーバーの権限エラー、레포지토리의 설정."
        let bytes = Array(text.utf8)
        for token in spannedTokens(text) {
            let source = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            let again = Tokenizer.tokens(source)
            // A source span re-tokenizes to a sequence containing the token (bigrams: exactly it).
            #expect(again.contains(token.text), "\(token) from \(source)")
        }
    }

    // MARK: Invisible characters, emoji, invalid bytes

    @Test(
        "zero-width characters are absent",
        arguments: [
            ("per\u{200B}mission", ["permission"]),
            ("per\u{200C}mis\u{200D}sion", ["permission"]),
            ("\u{FEFF}hello\u{2060}world", ["helloworld"]),
            ("soft\u{00AD}ware", ["software"]),
            ("権\u{200B}限", ["権限"]),
            ("葛\u{E0100}飾", ["葛飾"]),
            ("\u{200B}", []),
        ] as [(String, [String])])
    func zeroWidth(input: String, expected: [String]) {
        #expect(Tokenizer.tokens(input) == expected)
    }

    @Test("zero-width characters stay inside the token's span")
    func zeroWidthSpan() {
        #expect(spannedTokens("per\u{200B}mission") == [SpannedToken("permission", 0, 13)])
    }

    @Test(
        "emoji and symbols are separators",
        arguments: [
            ("🔥 fire ✅ done", ["fire", "done"]),
            ("error😀code", ["error", "code"]),
            ("👍🏽ok❤️", ["ok"]),
            ("👨‍👩‍👧", []),
            ("→ ★ © ® ™", ["tm"]),
            ("1️⃣", ["1"]),
            ("a+b=c*d^e", ["a", "b", "c", "d", "e"]),
            ("「権限」『エラー』", ["権限", "エラ", "ラー"]),
            ("", []),
        ] as [(String, [String])])
    func emojiAndSymbols(input: String, expected: [String]) {
        #expect(Tokenizer.tokens(input) == expected)
    }

    @Test(
        "terminal escape sequences are separators",
        arguments: [
            ("\u{1}\u{7}\u{8}\u{1B}[31mdocker\u{1B}[0m", ["docker"]),
            ("\u{1B}[1;32mOK\u{1B}[0m: built", ["ok", "built"]),
            ("[31merror[0m: exec format", ["error", "exec", "format"]),
            ("\u{1B}]8;;https://example.com\u{7}link\u{1B}]8;;\u{7}", ["link"]),
            ("\u{1B}]0;title\u{1B}\\text", ["text"]),
            ("\u{1B}[2K\u{1B}[1Gprogress", ["progress"]),
            ("\u{1B}", []),
            ("\u{1B}[", []),
            ("a[0] b[i]", ["a", "0", "b", "i"]),
            ("[link](url) [3]", ["link", "url", "3"]),
        ] as [(String, [String])])
    func terminalEscapes(input: String, expected: [String]) {
        #expect(Tokenizer.tokens(input) == expected)
    }

    @Test(
        "invalid UTF-8 bytes are separators",
        arguments: [
            ([0x66, 0x6F, 0x6F, 0xFF, 0x62, 0x61, 0x72], ["foo", "bar"]),
            ([0x61, 0x00, 0x62], ["a", "b"]),
            ([0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80], []),  // CESU-8 surrogate pair
            ([0x61, 0xED, 0xA0, 0xBD, 0x62], ["a", "b"]),
            ([0xC0, 0xAF, 0x61], ["a"]),  // overlong "/"
            ([0xE0, 0x80, 0xAF], []),
            ([0xF4, 0x90, 0x80, 0x80], []),  // > U+10FFFF
            ([0xE6, 0xA8], []),  // truncated 権
            ([0xE6, 0xA8, 0xA9, 0xE9, 0x99], ["権"]),
            ([0x80, 0x80, 0x61, 0xBF], ["a"]),
            ([0xE3, 0x82, 0xA8, 0xFE, 0xE3, 0x83, 0xA9], ["エ", "ラ"]),
        ] as [([UInt8], [String])])
    func invalidBytes(bytes: [UInt8], expected: [String]) {
        #expect(spannedTokens(bytes: bytes).map(\.text) == expected)
    }

    // MARK: Limits

    @Test("tokens are at most 64 bytes, cut at a character boundary")
    func longTokens() throws {
        let ascii = spannedTokens(String(repeating: "a", count: 100))
        #expect(ascii == [SpannedToken(String(repeating: "a", count: 64), 0, 100)])

        let accented = Tokenizer.tokens(String(repeating: "é", count: 100) + " ok")
        #expect(accented == [String(repeating: "é", count: 32), "ok"])

        let mixed = Tokenizer.tokens("a" + String(repeating: "é", count: 40))
        #expect(mixed.count == 1)
        #expect(mixed[0].utf8.count == 63)

        // A compound longer than 64 bytes: parts only, no truncated compound.
        let parts = (0..<20).map { "part\($0)" }
        let compound = parts.joined(separator: "_")
        #expect(Tokenizer.tokens(compound) == parts)
        #expect(Tokenizer.tokens(compound + " x") == parts + ["x"])

        // A compound of 64 bytes exactly is still emitted whole.
        let exact = String(repeating: "a", count: 31) + "_" + String(repeating: "b", count: 32)
        #expect(
            Tokenizer.tokens(exact) == [String(repeating: "a", count: 31), exact, String(repeating: "b", count: 32)])

        // A part longer than 64 bytes inside a compound.
        let longPart = String(repeating: "x", count: 70)
        #expect(Tokenizer.tokens("ab_" + longPart + "_cd") == ["ab", String(repeating: "x", count: 64), "cd"])
    }

    @Test("returning false stops tokenization")
    func stops() {
        var seen: [String] = []
        Array("one two three four".utf8).withUnsafeBufferPointer { buffer in
            Tokenizer.tokenize(buffer, mode: .document) { token, _, _, _ in
                seen.append(String(decoding: token, as: UTF8.self))
                return seen.count < 2
            }
        }
        #expect(seen == ["one", "two"])

        var count = 0
        Array("permission_denied".utf8).withUnsafeBufferPointer { buffer in
            Tokenizer.tokenize(buffer, mode: .document) { _, _, _, _ in
                count += 1
                return false
            }
        }
        #expect(count == 1)
    }

    @Test("empty buffers")
    func empty() {
        var called = false
        Tokenizer.tokenize(UnsafeBufferPointer(start: nil, count: 0), mode: .document) { _, _, _, _ in
            called = true
            return true
        }
        #expect(!called)
        #expect(Tokenizer.tokens("") == [])
        #expect(Tokenizer.tokens(" \n\t ,.;") == [])
    }
}

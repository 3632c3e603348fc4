import Testing

import KBCore

@Suite("QueryAnalyzer")
struct QueryAnalyzerTests {
    /// `text` of each unit, with `*` appended to prefix units.
    static func summary(_ query: String) -> [String] {
        QueryAnalyzer.units(query).map { $0.isPrefix ? $0.text + "*" : $0.text }
    }

    // MARK: Latin

    @Test(
        "Latin words and identifiers",
        arguments: [
            ("permission denied", ["permission", "denied"]),
            ("EACCES: permission_denied", ["eacces", "permission_denied"]),
            ("ERR_REQUIRE_ESM node:internal", ["err_require_esm", "node:internal"]),
            ("JSON.parse() fails.", ["json.parse", "fails"]),
            ("git push non-fast-forward", ["git", "push", "non-fast-forward"]),
            ("E0382 std::io::Error", ["e0382", "std::io::error"]),
            ("Ｅｒｒｏｒ ÉCOLE Straße", ["error", "école", "straße"]),
            ("error Error ERROR error.", ["error"]),
            ("v18.17.1", ["v18.17.1"]),
        ] as [(String, [String])])
    func latin(query: String, expected: [String]) {
        #expect(Self.summary(query) == expected)
        for unit in QueryAnalyzer.units(query) { #expect(unit.script == .latin) }
    }

    @Test("a compound identifier is one unit whose tokens are its parts")
    func compoundUnit() {
        let units = QueryAnalyzer.units("permission_denied")
        #expect(
            units == [
                QueryUnit(
                    text: "permission_denied", tokens: ["permission", "denied"], script: .latin, isPrefix: false)
            ])
        #expect(QueryAnalyzer.expression(units[0]) == "\"permission_denied\"")
    }

    // MARK: Japanese

    @Test(
        "Japanese segments",
        arguments: [
            ("オブジェクトのメソッドを呼び出したら", ["オブジェクト", "メソッド", "呼び出し"]),
            ("関数を反復可能にする", ["関数", "反復可能"]),
            ("読み取り専用", ["読み取り専用"]),
            ("読み取り専用のファイル", ["読み取り専用", "ファイル"]),
            ("呼び出し", ["呼び出し"]),
            ("書き換え", ["書き換え"]),
            ("書き換えができない", ["書き換え"]),
            ("関数を呼び出す", ["関数", "呼び出"]),
            ("読み取りの設定", ["読み取り", "設定"]),
            ("設定して確認", ["設定", "確認"]),
            ("権限エラー", ["権限", "エラー"]),
            ("権限がありません", ["権限"]),
            ("サーバーの設定ではない", ["サーバー", "設定"]),
            ("ｻｰﾊﾞｰ", ["サーバー"]),
            ("関数が動かない", ["関数", "動*"]),
            ("権", ["権*"]),
            ("ひらがな", ["ひらがな"]),
            ("を", []),
            ("git の 設定", ["git", "設定"]),
            ("pushしたとき", ["push"]),
            ("issue化", ["issue", "化*"]),
            ("3ヶ月前から", ["3", "ヶ月前"]),
            ("「権限」エラー", ["権限", "エラー"]),
            ("ー", []),
        ] as [(String, [String])])
    func japanese(query: String, expected: [String]) {
        #expect(Self.summary(query) == expected)
    }

    @Test("a Japanese unit's tokens are its bigrams; one character is a prefix unit")
    func japaneseUnits() {
        #expect(
            QueryAnalyzer.units("反復可能")
                == [QueryUnit(text: "反復可能", tokens: ["反復", "復可", "可能"], script: .cjk, isPrefix: false)])
        #expect(
            QueryAnalyzer.units("権限") == [QueryUnit(text: "権限", tokens: ["権限"], script: .cjk, isPrefix: false)])
        let one = QueryAnalyzer.units("権")
        #expect(one == [QueryUnit(text: "権", tokens: ["権"], script: .cjk, isPrefix: true)])
        #expect(QueryAnalyzer.expression(one[0]) == "\"権\"*")
    }

    // MARK: Korean

    @Test(
        "Korean particles and endings are stripped",
        arguments: [
            ("레포지토리의", ["레포지토리"]),
            ("레포지토리를", ["레포지토리"]),
            ("레포지토리", ["레포지토리"]),
            ("레포지토리에서는", ["레포지토리"]),
            ("함수를 호출하면", ["함수", "호출"]),
            ("권한", ["권한"]),
            ("권한이 없습니다", ["권한", "없*"]),
            ("설정을 변경했는데", ["설정", "변경"]),
            ("실행됩니다", ["실행"]),
            ("서버가", ["서버"]),
            ("파일이", ["파일"]),
            ("파일", ["파일"]),
            ("경로로", ["경로"]),
            ("책을", ["책*"]),
            ("키가", ["키*"]),
            ("회의", ["회의"]),
            ("사과", ["사과"]),
            ("도로", ["도로"]),
            ("디스플레이", ["디스플레이"]),
            ("어레이가", ["어레이"]),
            ("git에서", ["git"]),
            ("npm으로 설치하려고", ["npm", "설치"]),
            ("new로", ["new"]),
            ("에서", ["에서"]),
        ] as [(String, [String])])
    func korean(query: String, expected: [String]) {
        #expect(Self.summary(query) == expected)
    }

    @Test("a Korean unit's tokens are its bigrams")
    func koreanUnits() {
        #expect(
            QueryAnalyzer.units("레포지토리의")
                == [
                    QueryUnit(
                        text: "레포지토리", tokens: ["레포", "포지", "지토", "토리"], script: .hangul, isPrefix: false)
                ])
        #expect(
            QueryAnalyzer.units("책을") == [QueryUnit(text: "책", tokens: ["책"], script: .hangul, isPrefix: true)])
    }

    // MARK: FTS5 syntax

    /// An FTS5 string, possibly followed by `*`: `"` … `"` with inner quotes doubled.
    static func isWellFormed(_ expression: String) -> Bool {
        var scalars = Array(expression.unicodeScalars)
        if scalars.last == "*" { scalars.removeLast() }
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return false }
        var index = 1
        while index < scalars.count - 1 {
            if scalars[index] == "\"" {
                guard index + 1 < scalars.count - 1, scalars[index + 1] == "\"" else { return false }
                index += 2
            } else {
                if scalars[index] == "\0" { return false }
                index += 1
            }
        }
        return true
    }

    @Test(
        "FTS5 syntax characters never produce syntax",
        arguments: [
            ("\"", []),
            ("\"\"\"", []),
            ("\"unbalanced", ["unbalanced"]),
            ("(a OR b) AND NOT c", ["a", "or", "b", "and", "not", "c"]),
            ("NEAR(x y, 3)", ["near", "x", "y", "3"]),
            ("NEAR/3", ["near", "3"]),
            ("col:value", ["col:value"]),
            ("title : value", ["title", "value"]),
            ("-exclude +include", ["exclude", "include"]),
            ("^start prefix*", ["start", "prefix"]),
            ("{a b}: c", ["a", "b", "c"]),
            ("AND", ["and"]),
            ("* ^ : - + ( ) \" { } , . ; ' ` \\ / | & ! ? # $ % @ ~ < > = [ ]", []),
            ("🔥💥 ✅", []),
            ("a\u{0}b", ["a", "b"]),
            ("", []),
            ("   ", []),
            ("権\"限", ["権*", "限*"]),
            ("\u{200B}", []),
        ] as [(String, [String])])
    func syntax(query: String, expected: [String]) {
        #expect(Self.summary(query) == expected)
        for unit in QueryAnalyzer.units(query) {
            #expect(Self.isWellFormed(QueryAnalyzer.expression(unit)), "\(QueryAnalyzer.expression(unit))")
        }
    }

    @Test(
        "quoted doubles inner quotes and drops NUL",
        arguments: [
            ("abc", "\"abc\""),
            ("", "\"\""),
            ("a\"b", "\"a\"\"b\""),
            ("\"", "\"\"\"\""),
            ("\"\"", "\"\"\"\"\"\""),
            ("a\u{0}b", "\"ab\""),
            ("AND", "\"AND\""),
            ("権限", "\"権限\""),
        ])
    func quoted(input: String, expected: String) {
        #expect(QueryAnalyzer.quoted(input) == expected)
        #expect(Self.isWellFormed(QueryAnalyzer.quoted(input)))
    }

    @Test("expression appends * only to prefix units")
    func expression() {
        #expect(
            QueryAnalyzer.expression(QueryUnit(text: "a\"b", tokens: ["a", "b"], script: .latin, isPrefix: false))
                == "\"a\"\"b\"")
        #expect(QueryAnalyzer.expression(QueryUnit(text: "책", tokens: ["책"], script: .hangul, isPrefix: true)) == "\"책\"*")
    }

    /// For any input: units are unique, their tokens are what the query tokenizer makes of their text, and
    /// their expressions are well-formed FTS5 strings.
    @Test("random queries give consistent, well-formed units")
    func randomQueries() {
        var generator = TokenizerTestRNG(seed: 42)
        let pieces = [
            "permission_denied", "AND", "OR", "NOT", "NEAR", "(", ")", "\"", "*", "^", ":", "-", "+", "{", "}", " ",
            "  ", "権限", "エラー", "を", "が", "したら", "読み取り", "呼び出し", "ｻｰﾊﾞｰ", "레포지토리", "의", "를", "하면",
            "🔥", "\u{0}", "\u{200B}", "É", "e\u{301}", "①", "ｶﾞ", "node:internal", ".", "x", "ー", "、",
        ]
        for _ in 0..<2000 {
            var query = ""
            for _ in 0..<Int.random(in: 0...8, using: &generator) { query += pieces.randomElement(using: &generator)! }
            var bytes = Array(query.utf8)
            if Bool.random(using: &generator), !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x80...0xFF, using: &generator)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let units = QueryAnalyzer.units(text)
            #expect(Set(units.map(\.text)).count == units.count, "\(text)")
            for unit in units {
                #expect(!unit.tokens.isEmpty)
                #expect(unit.tokens == Tokenizer.tokens(unit.text, mode: .query), "\(text) → \(unit)")
                #expect(Self.isWellFormed(QueryAnalyzer.expression(unit)), "\(text) → \(unit)")
                #expect(!unit.isPrefix || (unit.script != .latin && unit.text.unicodeScalars.count == 1))
            }
        }
    }

    @Test("long runs become bounded units")
    func longRuns() {
        let kanji = String(repeating: "権限設定", count: 2_000)
        let units = QueryAnalyzer.units(kanji)
        #expect(!units.isEmpty)
        #expect(units.allSatisfy { $0.text.count <= QueryAnalyzer.maxUnitCharacters && !$0.isPrefix })
        #expect(Self.summary(String(repeating: "한", count: 17)) == [String(repeating: "한", count: 16), "한한"])

        let parts = (0..<30).map { "part\($0)" }
        #expect(Self.summary(parts.joined(separator: ".")) == parts)
        #expect(Self.summary(parts.prefix(3).joined(separator: ".")) == ["part0.part1.part2"])

        let log = (1...2_000).map { "line \($0): error: exec format error (docker)" }.joined(separator: "\n")
        #expect(Self.summary(log).contains("docker"))
    }

    /// What a unit matches: its tokens form a phrase in the document tokens of text that uses the word.
    @Test(
        "units match documents that use the words",
        arguments: [
            ("レポジトリの権限エラー", "権限エラーが発生しました"),
            ("レポジトリの権限", "権限"),
            ("サーバ", "サーバーの設定"),
            ("サーバー", "ｻｰﾊﾞの設定"),
            ("コンパイルエラー", "コンパイルエラーが出る"),
            ("エラー", "ランタイムエラー"),
            ("読み取り専用", "読み取り専用のファイル"),
            ("레포지토리의", "레포지토리를 클론하면"),
            ("함수를 호출하면", "함수 호출 방법"),
            ("permission_denied", "Error: permission denied"),
            ("permission denied", "permission_denied"),
        ])
    func unitsMatchDocuments(query: String, document: String) {
        let documentTokens = spannedTokens(document).filter { !$0.colocated }.map(\.text)
        let units = QueryAnalyzer.units(query)
        // At least one unit, and every unit whose text occurs in the document matches it.
        #expect(!units.isEmpty)
        let matched = units.filter { unit in
            unit.isPrefix
                ? documentTokens.contains { $0.hasPrefix(unit.text) }
                : containsPhrase(documentTokens, unit.tokens)
        }
        #expect(!matched.isEmpty, "\(units) in \(documentTokens)")
    }
}

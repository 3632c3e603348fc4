import Foundation
import Testing

@testable import KBCore

/// `TermAligner.align` counts co-occurrences term by term; it must give exactly what counting every
/// (term, word) combination gives.
@Suite struct TermAlignerTests {
    /// The straightforward version: a table of every (term, word) pair of every aligned document pair.
    static func referenceAlign(_ aligner: TermAligner, _ pairs: [([String: Int], [String: Int])]) -> [String: [(String, Double)]] {
        let n = pairs.count
        var sourceDF: [String: Int] = [:]
        var targetDF: [String: Int] = [:]
        for (s, t) in pairs {
            for x in s.keys { sourceDF[x, default: 0] += 1 }
            for y in t.keys { targetDF[y, default: 0] += 1 }
        }
        let minimum = n >= 20 ? 2 : 1
        let common = max(2, n / 3)
        func characteristic(_ counts: [String: Int], _ df: [String: Int], _ limit: Int) -> [String] {
            counts.compactMap { term, tf -> (String, Double)? in
                let d = df[term] ?? 0
                guard (minimum...common).contains(d) else { return nil }
                return (term, Double(tf).squareRoot() * log(Double(n + 1) / Double(d)))
            }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
        }
        var co: [String: [String: Int]] = [:]
        for (s, t) in pairs {
            let words = characteristic(t, targetDF, aligner.termsPerArticle * 3 / 2)
            for term in characteristic(s, sourceDF, aligner.termsPerArticle) {
                for word in words { co[term, default: [:]][word, default: 0] += 1 }
            }
        }
        var out: [String: [(String, Double)]] = [:]
        for (term, counts) in co {
            let list = counts.compactMap { word, count -> (String, Double)? in
                guard count >= minimum else { return nil }
                let dice = 2 * Double(count) / Double(sourceDF[term]! + targetDF[word]!)
                return dice >= aligner.minimumDice ? (word, dice) : nil
            }
            guard !list.isEmpty else { continue }
            out[term] = Array(list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3))
        }
        return out
    }

    /// Pairs where some terms translate some words consistently and the rest is noise, from a seeded generator.
    static func pairs(count: Int, seed: UInt64) -> [([String: Int], [String: Int])] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            var source: [String: Int] = [:]
            var target: [String: Int] = [:]
            for _ in 0..<(3 + next(6)) {
                let topic = next(40)
                source["語\(topic)", default: 0] += 1 + next(3)
                target["word\(topic)", default: 0] += 1 + next(3)
            }
            for _ in 0..<(10 + next(30)) { source["雑\(next(300))", default: 0] += 1 + next(2) }
            for _ in 0..<(10 + next(40)) { target["noise\(next(400))", default: 0] += 1 + next(2) }
            return (source, target)
        }
    }

    @Test("gives the same translations as counting every combination", arguments: [(5, 1), (19, 2), (20, 3), (300, 4), (2_000, 5)] as [(Int, UInt64)])
    func matchesReference(count: Int, seed: UInt64) {
        let aligner = TermAligner()
        let pairs = Self.pairs(count: count, seed: seed)
        let expected = Self.referenceAlign(aligner, pairs)
        let actual = aligner.align(pairs)
        #expect(actual.count == expected.count)
        #expect(!expected.isEmpty)
        for (term, list) in expected {
            let got = actual[term] ?? []
            #expect(got.map(\.0) == list.map(\.0), "\(term)")
            #expect(got.map(\.1) == list.map(\.1), "\(term)")
        }
    }

    @Test("learns a consistent translation")
    func learnsTranslation() {
        let pairs = Self.pairs(count: 400, seed: 9)
        let result = TermAligner().align(pairs)
        #expect(result["語7"]?.first?.0 == "word7")
    }
}

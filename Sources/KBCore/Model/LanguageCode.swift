import Foundation

/// Language tags as kb stores them: the primary subtag, lower-cased (`en-US` → `en`, `ja-JP` → `ja`).
public enum LanguageCode {
    public static let english = "en"

    /// The primary subtag of a well-formed BCP 47 tag (`en`, `en-US`, `ja-jp`, `zh-Hant-TW`), or nil when malformed.
    public static func primary(of tag: String) -> String? {
        let trimmed = tag.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        for part in parts.dropFirst() {
            guard (1...8).contains(part.count), part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        }
        return first.lowercased()
    }

    /// Locale folders recognised in content paths (`en`, `en-us`, `ja`, `ja-jp`, `ko`, `ko-kr`, `zh-cn`, …).
    static let knownPrimary: Set<String> = [
        "en", "ja", "ko", "zh", "fr", "de", "es", "pt", "ru", "it", "nl", "pl", "tr", "uk", "vi", "id", "th", "sv", "cs",
    ]

    /// The language named by a path component such as `ja`, `ja-JP`, `en-us`, or nil.
    static func fromPathComponent(_ component: String) -> String? {
        let lower = component.lowercased()
        guard lower.count == 2 || (lower.count == 5 && (lower.dropFirst(2).first == "-" || lower.dropFirst(2).first == "_")) else { return nil }
        guard let primary = primary(of: lower), knownPrimary.contains(primary) else { return nil }
        return primary
    }

    /// The language of a text by its script: kana → ja, Hangul → ko, else en.
    public static func detect(text: some StringProtocol) -> String {
        var latin = 0, kana = 0, hangul = 0, han = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: kana += 1
            case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: hangul += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            default: break
            }
        }
        // Code blocks inflate the Latin count, so a few dozen kana or Hangul make a Japanese or Korean text.
        let latinWeight = latin / 5
        let isKorean = hangul >= 20 || (hangul >= 2 && hangul * 4 >= latinWeight)
        let isJapanese = kana >= 20 || (kana >= 2 && (kana + han) * 4 >= latinWeight)
        if isKorean && isJapanese { return hangul >= kana + han ? "ko" : "ja" }
        if isKorean { return "ko" }
        if isJapanese { return "ja" }
        return english
    }
}

import Foundation

/// Article dates: ISO 8601 (`2026-11-22`, `2026-11-22T10:00:00Z`, `2026-11-22T10:00:00+09:00`) and
/// `YYYY-MM-DD HH:MM[:SS]` with or without a zone. Normalized to ISO 8601 text.
public enum DateParser {
    /// The normalized ISO 8601 text of `text`, or nil when it is not a date kb understands.
    public static func normalize(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let s = Array(t.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count else { return nil }
            var v = 0
            for i in range {
                guard (48...57).contains(s[i]) else { return nil }
                v = v * 10 + Int(s[i] - 48)
            }
            return v
        }
        guard s.count >= 10, let year = digits(0..<4), s[4] == 45, let month = digits(5..<7), s[7] == 45, let day = digits(8..<10),
            (1...12).contains(month), (1...31).contains(day), year >= 1970, year < 3000
        else { return nil }
        var components = DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day)
        components.timeZone = TimeZone(identifier: "UTC")
        guard components.isValidDate else { return nil }
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        if s.count == 10 { return date }
        guard s[10] == 84 || s[10] == 32 || s[10] == 116, let hour = digits(11..<13), s.count > 13, s[13] == 58, let minute = digits(14..<16), hour < 24, minute < 60
        else { return nil }
        var i = 16
        var second = 0
        if i < s.count, s[i] == 58 {
            guard let sec = digits(17..<19), sec < 61 else { return nil }
            second = sec
            i = 19
            if i < s.count, s[i] == 46 || s[i] == 44 {  // fractional seconds
                i += 1
                while i < s.count, (48...57).contains(s[i]) { i += 1 }
            }
        }
        var text = date + String(format: "T%02d:%02d:%02d", hour, minute, second)
        while i < s.count, s[i] == 32 { i += 1 }
        if i == s.count { return text }
        if s[i] == 90 || s[i] == 122, i + 1 == s.count { return text + "Z" }
        guard s[i] == 43 || s[i] == 45, let zh = digits(i + 1..<i + 3) else { return nil }
        var j = i + 3
        if j < s.count, s[j] == 58 { j += 1 }
        let zm = digits(j..<j + 2) ?? 0
        if digits(j..<j + 2) != nil { j += 2 }
        guard j == s.count, zh < 15, zm < 60 else { return nil }
        text += (s[i] == 43 ? "+" : "-") + String(format: "%02d:%02d", zh, zm)
        return text
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(from: date)
        return text.hasSuffix("T00:00:00Z") ? String(text.prefix(10)) : text
    }
}

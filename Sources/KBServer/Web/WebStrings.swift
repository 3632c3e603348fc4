import Foundation

/// The words of the web pages in one interface language (English, Japanese or Korean). Templates read them as
/// `{{t.name}}`; every value is plain text that Mustache escapes.
struct WebStrings: Sendable {
    var skipToContent: String
    var brandTagline: String
    var navLabel: String
    var navSearch: String
    var navTags: String
    var footer: String
    var searchTitle: String
    var searchHeading: String
    var queryLabel: String
    var queryPlaceholder: String
    var languageLabel: String
    var searchButton: String
    var searchHint: String
    var resultsHeading: String
    var noResults: String
    var matchedLine: String
    var matchedTerms: String
    var signature: String
    var matchKind: String
    var exactMatch: String
    var partialMatch: String
    var textMatch: String
    var tagsLabel: String
    var alsoIn: String
    var translationsLabel: String
    var published: String
    var updated: String
    var author: String
    var draft: String
    var tagsTitle: String
    var tagColumn: String
    var totalColumn: String
    var noTags: String
    var filterByLanguage: String
    var allLanguages: String
    var previousPage: String
    var nextPage: String
    var notFoundTitle: String
    var notFoundText: String
    var articleNotFoundText: String
    var articleElsewhere: String
    var tagNotFoundText: String
    var errorTitle: String
    var errorText: String
    var busyText: String
    var suggestedFix: String
    var possiblyRelated: String
    var readArticle: String
    var noFix: String
    var searchKB: String
    var embedPrompt: String
    var findFix: String
    var confidence: String
    var fallbackNote: String
    var resultCount: @Sendable (Int) -> String
    var tagHeading: @Sendable (String) -> String

    /// The interface languages, in the order the language menu lists them.
    static let languages = ["en", "ja", "ko"]

    /// Each language's name in itself.
    static func autonym(_ code: String) -> String {
        switch code {
        case "en": "English"
        case "ja": "日本語"
        case "ko": "한국어"
        case "zh": "中文"
        case "fr": "Français"
        case "de": "Deutsch"
        case "es": "Español"
        default: code
        }
    }

    /// The strings of `lang`, English for a language without its own.
    static func forLanguage(_ lang: String) -> WebStrings {
        switch lang {
        case "ja": japanese
        case "ko": korean
        default: english
        }
    }

    /// The interface language of `lang`: itself when the pages speak it, else English.
    static func interfaceLanguage(_ lang: String) -> String {
        languages.contains(lang) ? lang : "en"
    }

    static let english = WebStrings(
        skipToContent: "Skip to content",
        brandTagline: "troubleshooting knowledge base",
        navLabel: "Main",
        navSearch: "Search",
        navTags: "Tags",
        footer: "kb: paste an error, get the fix. Articles in English, Japanese and Korean.",
        searchTitle: "kb: search",
        searchHeading: "Paste an error, find the fix",
        queryLabel: "Error message or log",
        queryPlaceholder: "Paste an error message, a stack trace or a whole CI log",
        languageLabel: "Preferred language",
        searchButton: "Search",
        searchHint: "Paste the whole log if you like: kb finds the lines that matter. Ctrl+Enter searches.",
        resultsHeading: "Results",
        noResults: "No article matches this text. Try the key line of the error, or fewer words.",
        matchedLine: "Your line",
        matchedTerms: "Matched words",
        signature: "Known error",
        matchKind: "Match",
        exactMatch: "exact",
        partialMatch: "partial",
        textMatch: "text",
        tagsLabel: "Tags",
        alsoIn: "Also in:",
        translationsLabel: "Translations",
        published: "Published",
        updated: "Updated",
        author: "Author",
        draft: "Draft",
        tagsTitle: "All tags",
        tagColumn: "Tag",
        totalColumn: "Articles",
        noTags: "There are no tags yet.",
        filterByLanguage: "Filter by language",
        allLanguages: "All languages",
        previousPage: "← Previous",
        nextPage: "Next →",
        notFoundTitle: "Page not found",
        notFoundText: "There is nothing at this address. Search for the error instead:",
        articleNotFoundText: "There is no such article. Search for the error instead:",
        articleElsewhere: "This article exists in:",
        tagNotFoundText: "There is no such tag.",
        errorTitle: "Something went wrong",
        errorText: "The request could not be answered.",
        busyText: "kb is busy right now; try again in a moment.",
        suggestedFix: "Suggested fix",
        possiblyRelated: "Possibly related",
        readArticle: "Read the article",
        noFix: "No matching fix found.",
        searchKB: "Search kb",
        embedPrompt: "Paste an error to find its fix.",
        findFix: "Find the fix",
        confidence: "Confidence",
        fallbackNote: "No articles in the chosen language; showing English.",
        resultCount: { $0 == 1 ? "1 result" : "\($0) results" },
        tagHeading: { "Articles tagged “\($0)”" })

    static let japanese = WebStrings(
        skipToContent: "本文へ移動",
        brandTagline: "トラブルシューティング ナレッジベース",
        navLabel: "メイン",
        navSearch: "検索",
        navTags: "タグ",
        footer: "kb: エラーを貼り付けると解決方法が見つかります。記事は英語・日本語・韓国語です。",
        searchTitle: "kb: 検索",
        searchHeading: "エラーを貼り付けて解決方法を探す",
        queryLabel: "エラーメッセージまたはログ",
        queryPlaceholder: "エラーメッセージ、スタックトレース、CI のログ全体を貼り付けてください",
        languageLabel: "優先する言語",
        searchButton: "検索",
        searchHint: "ログ全体を貼り付けても、kb が重要な行を見つけます。Ctrl+Enter で検索できます。",
        resultsHeading: "検索結果",
        noResults: "一致する記事がありません。エラーの要点となる行だけにするか、語を減らしてください。",
        matchedLine: "入力の行",
        matchedTerms: "一致した語",
        signature: "既知のエラー",
        matchKind: "一致",
        exactMatch: "完全一致",
        partialMatch: "部分一致",
        textMatch: "本文",
        tagsLabel: "タグ",
        alsoIn: "他の言語:",
        translationsLabel: "翻訳",
        published: "公開",
        updated: "更新",
        author: "著者",
        draft: "下書き",
        tagsTitle: "タグ一覧",
        tagColumn: "タグ",
        totalColumn: "記事数",
        noTags: "まだタグがありません。",
        filterByLanguage: "言語で絞り込む",
        allLanguages: "すべての言語",
        previousPage: "← 前へ",
        nextPage: "次へ →",
        notFoundTitle: "ページが見つかりません",
        notFoundText: "このアドレスには何もありません。エラーで検索してください:",
        articleNotFoundText: "その記事はありません。エラーで検索してください:",
        articleElsewhere: "この記事がある言語:",
        tagNotFoundText: "そのタグはありません。",
        errorTitle: "問題が発生しました",
        errorText: "リクエストに応答できませんでした。",
        busyText: "kb は混み合っています。しばらくしてからもう一度お試しください。",
        suggestedFix: "解決方法の候補",
        possiblyRelated: "関連する可能性のある記事",
        readArticle: "記事を読む",
        noFix: "一致する解決方法が見つかりませんでした。",
        searchKB: "kb で検索",
        embedPrompt: "エラーを貼り付けると解決方法を探します。",
        findFix: "解決方法を探す",
        confidence: "確度",
        fallbackNote: "選んだ言語の記事がないため、英語の記事を表示しています。",
        resultCount: { "\($0) 件" },
        tagHeading: { "タグ「\($0)」の記事" })

    static let korean = WebStrings(
        skipToContent: "본문으로 건너뛰기",
        brandTagline: "문제 해결 지식 베이스",
        navLabel: "메인",
        navSearch: "검색",
        navTags: "태그",
        footer: "kb: 오류를 붙여 넣으면 해결 방법을 찾아 줍니다. 문서는 영어, 일본어, 한국어로 제공됩니다.",
        searchTitle: "kb: 검색",
        searchHeading: "오류를 붙여 넣고 해결 방법 찾기",
        queryLabel: "오류 메시지 또는 로그",
        queryPlaceholder: "오류 메시지, 스택 트레이스 또는 CI 로그 전체를 붙여 넣으세요",
        languageLabel: "선호 언어",
        searchButton: "검색",
        searchHint: "로그 전체를 붙여 넣어도 kb가 중요한 줄을 찾아냅니다. Ctrl+Enter로 검색합니다.",
        resultsHeading: "검색 결과",
        noResults: "일치하는 문서가 없습니다. 오류의 핵심 줄만 넣거나 단어 수를 줄여 보세요.",
        matchedLine: "입력한 줄",
        matchedTerms: "일치한 단어",
        signature: "알려진 오류",
        matchKind: "일치",
        exactMatch: "정확히 일치",
        partialMatch: "부분 일치",
        textMatch: "본문",
        tagsLabel: "태그",
        alsoIn: "다른 언어:",
        translationsLabel: "번역",
        published: "게시",
        updated: "업데이트",
        author: "작성자",
        draft: "초안",
        tagsTitle: "모든 태그",
        tagColumn: "태그",
        totalColumn: "문서 수",
        noTags: "아직 태그가 없습니다.",
        filterByLanguage: "언어로 거르기",
        allLanguages: "모든 언어",
        previousPage: "← 이전",
        nextPage: "다음 →",
        notFoundTitle: "페이지를 찾을 수 없습니다",
        notFoundText: "이 주소에는 아무것도 없습니다. 오류로 검색해 보세요:",
        articleNotFoundText: "해당 문서가 없습니다. 오류로 검색해 보세요:",
        articleElsewhere: "이 문서가 있는 언어:",
        tagNotFoundText: "해당 태그가 없습니다.",
        errorTitle: "문제가 발생했습니다",
        errorText: "요청에 응답할 수 없었습니다.",
        busyText: "kb가 지금 바쁩니다. 잠시 후 다시 시도하세요.",
        suggestedFix: "추천 해결 방법",
        possiblyRelated: "관련이 있을 수 있는 문서",
        readArticle: "문서 읽기",
        noFix: "일치하는 해결 방법을 찾지 못했습니다.",
        searchKB: "kb에서 검색",
        embedPrompt: "오류를 붙여 넣으면 해결 방법을 찾아 줍니다.",
        findFix: "해결 방법 찾기",
        confidence: "신뢰도",
        fallbackNote: "선택한 언어의 문서가 없어 영어 문서를 표시합니다.",
        resultCount: { "결과 \($0)건" },
        tagHeading: { "‘\($0)’ 태그 문서" })
}

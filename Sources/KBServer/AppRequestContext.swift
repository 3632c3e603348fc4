import Foundation
import Hummingbird

/// The request context of kb's server: Hummingbird's core storage, with kb's body limit.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Hummingbird's own decoding limit; the controllers enforce `AppConfiguration.maxBodySize` themselves.
    public var maxUploadSize: Int { 1 << 20 }

    /// The id of this request, as logged and as returned in `X-Request-Id` and in problem details.
    public var requestID: String {
        logger[metadataKey: "hb.request.id"]?.description ?? "-"
    }
}

public import Hummingbird
import NIOCore
import NIOPosix
import BadgeIssuer
import BadgeVerifier
import OpenBadges

/// Builds the `laurel serve` application: the verification page and API, and — when a workspace is given — the
/// issuer's public files. Bound to `configuration.host` (loopback by default); Hummingbird's service lifecycle
/// shuts it down gracefully on SIGINT and SIGTERM.
public func buildApplication(
    _ configuration: ServerConfiguration,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(configuration)
    return Application(
        router: router,
        // Connections idle for 30 s are closed, so slow or abandoned clients cannot hold them open.
        server: .http1(configuration: .init(idleTimeout: .seconds(30))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "laurel"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        eventLoopGroupProvider: .shared(EventLoops.group(threads: configuration.ioThreads)))
}

/// Builds the application and runs it until SIGINT or SIGTERM, then shuts down gracefully.
public func runServer(
    _ configuration: ServerConfiguration,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    try await buildApplication(configuration, onServerRunning: onServerRunning).runService()
}

/// The routes (exposed for tests that drive the router directly).
public func buildRouter(_ configuration: ServerConfiguration) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware())
    let service = VerificationService(configuration: configuration)
    let issuerName = configuration.workspace?.config.issuer.name
    let basePath = configuration.workspace.map { IssuerRoutes(workspace: $0).basePath } ?? ""

    router.get("/") { _, _ in
        let form = HTML.verificationForm(issuer: issuerName, basePath: basePath)
        return Pages.html(HTML.page(title: "Check a badge", body: form, issuerName: issuerName))
    }
    router.get("/static/app.js") { _, _ in
        Pages.text(Assets.script, contentType: "text/javascript; charset=utf-8", cache: true)
    }
    router.get("/static/style.css") { _, _ in
        Pages.text(Assets.stylesheet, contentType: "text/css; charset=utf-8", cache: true)
    }
    router.get("/healthz") { _, _ in
        Pages.text("ok\n", contentType: "text/plain; charset=utf-8")
    }
    router.post("/verify") { request, context in
        let input = try await service.readUpload(request, context: context, api: false)
        let report = await service.verify(input)
        let body = HTML.report(report, bakedImage: input.imageDataURI)
        return Pages.html(HTML.page(title: HTML.headline(report).title, body: body, issuerName: issuerName))
    }
    router.post("/api/verify") { request, context in
        let input = try await service.readUpload(request, context: context, api: true)
        let report = await service.verify(input)
        return Pages.text(report.jsonLine + "\n", contentType: "application/json; charset=utf-8")
    }
    router.get("/verify") { request, _ in
        guard let id = request.uri.queryParameters.get("id"), !id.isEmpty else {
            throw ServerError(
                400, "missing_id",
                "Give the credential to check: /verify?id=<credential id>, or use the form on the home page.")
        }
        let hosted = try service.hostedCredential(id: id)
        let report = await service.verify(hosted)
        let body = HTML.report(report, bakedImage: nil)
        return Pages.html(HTML.page(title: HTML.headline(report).title, body: body, issuerName: issuerName))
    }
    if let workspace = configuration.workspace {
        IssuerRoutes(workspace: workspace).register(on: router)
    }
    return router
}

/// Small response helpers.
enum Pages {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        self.text(text, contentType: "text/html; charset=utf-8", status: status)
    }

    static func text(
        _ text: String, contentType: String, status: HTTPResponse.Status = .ok, cache: Bool = false
    ) -> Response {
        bytes(ByteBuffer(string: text), contentType: contentType, status: status, cache: cache)
    }

    static func bytes(
        _ buffer: ByteBuffer, contentType: String, status: HTTPResponse.Status = .ok, cache: Bool = false
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = cache ? "public, max-age=300" : "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }
}

/// Event loop groups by thread count, made once and kept for the process's life (as NIO's own singleton is).
enum EventLoops {
    static let single = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    static func group(threads: Int) -> MultiThreadedEventLoopGroup {
        threads == 1 ? single : MultiThreadedEventLoopGroup.singleton
    }
}

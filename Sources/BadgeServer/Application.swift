public import Hummingbird
import NIOCore
import NIOPosix
import BadgeIssuer
import BadgeVerifier
import OpenBadges

/// Builds the `laurel serve` application: the verification page and API, and — when a workspace is given — the
/// issuer's public files. Bound to `configuration.host` (loopback by default); Hummingbird's service lifecycle
/// shuts it down gracefully on SIGINT and SIGTERM. Verifications run on the pool's worker threads, and `/healthz`
/// is answered on the event loop itself, so neither waits for the other.
public func buildApplication(
    _ configuration: ServerConfiguration,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let (router, web) = buildRoutes(configuration)
    return Application(
        router: router,
        // Connections idle for 30 s are closed, so slow or abandoned clients cannot hold them open.
        server: .http1HealthChecked(configuration: .init(idleTimeout: .seconds(30))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "laurel"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            web?.listening(host: configuration.host, port: port)
            await onServerRunning(port)
        },
        eventLoopGroupProvider: .shared(EventLoops.group(threads: configuration.ioThreads)),
        logger: ServerLogHandler.logger(label: "laurel"))
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
    buildRoutes(configuration).router
}

func buildRoutes(_ configuration: ServerConfiguration) -> (router: Router<BasicRequestContext>, web: WebState?) {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: OffEventLoopMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware())
    let service = VerificationService(configuration: configuration)
    let issuerName = configuration.workspace?.config.issuer.name
    let basePath = configuration.workspace.map { IssuerRoutes(workspace: $0).basePath } ?? ""
    // Made on a pool worker, with the verification.
    let reportPage: @Sendable (VerificationReport, String?) -> String = { report, image in
        HTML.page(title: HTML.headline(report).title, body: HTML.report(report, bakedImage: image), issuerName: issuerName)
    }

    let signIn = configuration.workspace != nil && configuration.web != nil
    router.get("/") { _, _ in
        var form = HTML.verificationForm(issuer: issuerName, basePath: basePath)
        if signIn {
            form += "<p class=\"issuer-link\">Learners and assessors: <a href=\"/signin\">sign in</a> to submit work, "
                + "read feedback and review.</p>"
        }
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
        let image = input.imageDataURI
        return Pages.html(try await service.verify(input) { reportPage($0, image) })
    }
    router.post("/api/verify") { request, context in
        let input = try await service.readUpload(request, context: context, api: true)
        // Rendered on the worker straight into the bytes sent: no String in between.
        let json = try await service.verify(input) { ByteBuffer(bytes: $0.jsonLineBytes) }
        return Pages.bytes(json, contentType: "application/json; charset=utf-8")
    }
    router.get("/verify") { request, _ in
        guard let id = request.uri.queryParameters.get("id"), !id.isEmpty else {
            throw ServerError(
                400, "missing_id",
                "Give the credential to check: /verify?id=<credential id>, or use the form on the home page.")
        }
        let hosted = try service.hostedCredential(id: id)
        return Pages.html(try await service.verify(hosted) { reportPage($0, nil) })
    }
    var web: WebState? = nil
    if let workspace = configuration.workspace {
        IssuerRoutes(workspace: workspace).register(on: router)
        if let webConfiguration = configuration.web {
            let state = WebState(workspace: workspace, configuration: webConfiguration, now: configuration.now)
            SignInRoutes(web: state).register(on: router)
            LearnerRoutes(web: state).register(on: router)
            AssessorRoutes(web: state).register(on: router)
            AdminRoutes(web: state).register(on: router)
            ClaimRoutes(web: state).register(on: router)
            web = state
        }
    }
    // Wallets (OpenID for Verifiable Credential Issuance): the credential issuer is the address links in mail use.
    if let workspace = configuration.workspace, let state = web {
        OpenID4VCIRoutes(workspace: workspace, issuerURL: { state.baseURL }, now: configuration.now).register(on: router)
    }
    return (router, web)
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

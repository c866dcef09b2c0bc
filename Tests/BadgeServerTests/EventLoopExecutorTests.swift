@testable import BadgeServer
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

/// A connection's requests run on its event loop (`EventLoopTaskExecutor`); pages, and large uploads to the API,
/// are sent to Swift's own threads (`OffEventLoopMiddleware`, `VerificationService.readUpload`), and a verification's
/// answer comes back to the loop from the pool's worker.
@Suite struct EventLoopExecutorTests {
    @Test("work under the event loop's executor runs on the loop; work preferring Swift's executor does not")
    func placement() async throws {
        let loop = (EventLoops.single as any EventLoopGroup).next()
        let pool = VerificationPool(workers: 1, queueLimit: 1, timeout: .seconds(600))
        // As a route is called by the middleware: an async closure.
        let route: () async -> Bool = { loop.inEventLoop }
        let seen = try await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
            let first = loop.inEventLoop
            let page = await withTaskExecutorPreference(globalConcurrentExecutor) { await route() }
            // As readUpload reads a large upload: synchronous work in the closure.
            let upload = await withTaskExecutorPreference(globalConcurrentExecutor) { loop.inEventLoop }
            let back = loop.inEventLoop
            let worker = try await pool.run { loop.inEventLoop }
            let answered = loop.inEventLoop
            return [first, page, upload, back, worker, answered]
        }
        #expect(seen == [true, false, false, true, false, true])
    }

    @Test("only POST /api/verify stays on the event loop")
    func routes() {
        func stays(_ method: HTTPRequest.Method, _ path: String) -> Bool {
            OffEventLoopMiddleware<BasicRequestContext>.staysOnLoop(
                Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path), body: .init(buffer: ByteBuffer())))
        }
        #expect(stays(.post, "/api/verify"))
        #expect(stays(.post, "/api/verify?recipient-email=ada%40example.org"))
        #expect(!stays(.post, "/verify"))
        #expect(!stays(.get, "/"))
        #expect(!stays(.get, "/api/verify"))
        #expect(!stays(.post, "/signin"))
    }
}

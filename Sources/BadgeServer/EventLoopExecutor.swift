import Hummingbird
import NIOCore

/// Runs a connection's tasks on the event loop that reads and writes its socket, instead of Swift's cooperative
/// threads. A request is then read, routed and answered on that one thread: a verification goes from the loop
/// straight to a pool worker and its answer straight back to the loop, two thread wake-ups per request instead of
/// four (the loop to a cooperative thread, to a worker, back to a cooperative thread, back to the loop), and the
/// answer is written from the loop itself.
///
/// Only short, non-blocking work may run on the loop: `OffEventLoopMiddleware` sends every route but the API's
/// verification to Swift's own threads, and the API reads large uploads there too (see
/// `VerificationService.readUpload`).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // From the loop itself, this queues the job for the loop's current tick without waking anything.
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

/// Sends every request but the ones answered on the event loop (`POST /api/verify`, whose work is reading the
/// upload and waiting for a pool worker) to Swift's cooperative threads, so that a page that reads the ledger, a
/// file or a large form never holds up the loop's other connections.
struct OffEventLoopMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if Self.staysOnLoop(request) { return try await next(request, context) }
        return try await withTaskExecutorPreference(globalConcurrentExecutor) {
            try await next(request, context)
        }
    }

    static func staysOnLoop(_ request: Request) -> Bool {
        request.method == .post && request.uri.path == "/api/verify"
    }
}

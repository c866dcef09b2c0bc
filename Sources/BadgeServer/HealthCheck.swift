import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Answers `GET /healthz` on the connection's event loop, ahead of the router: the answer needs no thread but the
/// one that reads the socket, so it comes at once however busy the rest of the server is.
///
/// A health check that arrives while an earlier request on the same connection is still being answered is passed
/// on to the router (which answers it too), so that answers keep the order of the requests.
final class HealthCheckHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let path = "/healthz"
    static let body = "ok\n"

    /// Requests passed on whose answer has not been written completely.
    private var passedOn = 0
    /// Reading a health check's request: its parts are not passed on.
    private var answering = false
    private var closeAfterAnswer = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if passedOn == 0 && head.method == .get && head.path == Self.path {
                answering = true
                closeAfterAnswer = head.headerFields[.connection]?.lowercased().contains("close") == true
                return
            }
            passedOn += 1
        case .body:
            if answering { return }
        case .end:
            if answering {
                answering = false
                answer(context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { passedOn -= 1 }
        context.write(data, promise: promise)
    }

    private func answer(context: ChannelHandlerContext) {
        var fields = HTTPFields()
        fields[.contentType] = "text/plain; charset=utf-8"
        fields[.cacheControl] = "no-store"
        fields[.contentLength] = String(Self.body.utf8.count)
        fields.append(contentsOf: SecurityHeaders.fields)
        if closeAfterAnswer { fields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: Self.body))), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        if closeAfterAnswer {
            written.futureResult.whenComplete { _ in context.close(promise: nil) }
        }
    }
}

/// HTTP/1.1 connections as Hummingbird makes them, with a `HealthCheckHandler` placed just before the handler that
/// hands requests to the router.
struct HealthCheckingHTTP1Channel: ServerChildChannel {
    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let state = try operations.context(handlerType: HTTPConnectionStateHandler.self)
            try operations.addHandler(HealthCheckHandler(), position: .after(state.handler))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        // The connection's requests are handled on its own event loop (see `EventLoopTaskExecutor`).
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with `/healthz` answered on the event loop (see `HealthCheckHandler`).
    static func http1HealthChecked(configuration: HTTP1Channel.Configuration) -> HTTPServerBuilder {
        .init { responder in
            HealthCheckingHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }
}

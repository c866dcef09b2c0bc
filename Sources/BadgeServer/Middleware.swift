import Hummingbird
import HTTPTypes
import LinkedData

/// Adds the security headers to every response, errors included.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: [(HTTPField.Name, String)] { SecurityHeaders.pairs }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        for field in SecurityHeaders.fields {
            // Replacing a value a route set, adding the field otherwise (without checking it again).
            if response.headers.contains(where: { $0.name == field.name }) {
                response.headers[field.name] = field.value
            } else {
                response.headers.append(field)
            }
        }
        return response
    }
}

/// The security headers, made once (checking a field's name and value on every response costs more than adding it).
enum SecurityHeaders {
    static let pairs: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!,
         "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; form-action 'self'; "
            + "base-uri 'none'; object-src 'none'; frame-ancestors 'none'"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
    ]
    static let fields: [HTTPField] = pairs.map { HTTPField(name: $0.0, value: $0.1) }
}

/// Turns every error into a clear answer: an HTML page, or JSON under `/api/`. Never a stack trace or an internal
/// error description.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            return Self.response(for: error, request: request)
        } catch let error as HTTPError {
            let mapped: ServerError
            switch error.status.code {
            case 404: mapped = .notFound()
            case 405: mapped = ServerError(405, "method_not_allowed", "This address does not accept \(request.method.rawValue) requests.")
            case 413: mapped = ServerError(413, "too_large", "The upload is too large.")
            default:
                mapped = ServerError(
                    error.status.code, "http_\(error.status.code)",
                    error.status.code < 500
                        ? "The request could not be handled (\(error.status.reasonPhrase))."
                        : "Something went wrong on the server.")
            }
            return Self.response(for: mapped, request: request)
        } catch {
            return Self.response(
                for: ServerError(500, "internal", "Something went wrong on the server; the request was not completed."),
                request: request)
        }
    }

    static func response(for error: ServerError, request: Request) -> Response {
        if let location = error.location { return .seeOther(location) }
        let status = HTTPResponse.Status(code: error.status)
        var headers = HTTPFields()
        if let seconds = error.retryAfter {
            // Busy, not broken: the connection stays open for the retry.
            headers[.retryAfter] = String(seconds)
        } else if error.status >= 500 {
            headers[.connection] = "close"
        }
        if request.uri.path.hasPrefix("/api/") {
            let body = JSONValue.object(JSONObject([
                "error": .string(error.code), "status": .number(JSONNumber(error.status)), "reason": .string(error.reason),
            ]))
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(
                status: status, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: JSONSerializer().serializeToString(body))))
        }
        let title: String
        switch error.status {
        case 404: title = "Not found"
        case 413: title = "Too large"
        case 415: title = "Unsupported file type"
        case 422: title = "Not a badge"
        case 503: title = "Busy"
        case 400..<500: title = "This request could not be handled"
        default: title = "Server error"
        }
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: HTML.errorPage(status: error.status, title: title, message: error.reason))))
    }
}

import BadgeIssuer
import BadgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// Sign-in by a one-time link sent by mail; sign-out.
struct SignInRoutes: Sendable {
    let web: WebState

    func register(on router: Router<BasicRequestContext>) {
        let web = self.web
        router.get("/signin") { request, _ in
            if let person = try web.signedIn(request) { return Response.seeOther(Self.home(person.account.role)) }
            let pre = web.preSession(request)
            let page = WebHTML.page(
                title: "Sign in", body: Self.form(csrf: web.preSessionCSRF(pre.id)), person: nil,
                issuerName: web.issuerName)
            return Self.html(page, cookies: pre.setCookie.map { [$0] } ?? [])
        }
        router.post("/signin") { request, _ in
            let fields = try await WebState.form(request)
            try web.checkCSRF(fields, request: request, person: nil)
            guard web.allowSignIn() else {
                throw ServerError(
                    429, "rate_limited", "Many people are signing in right now; wait a minute and try again.",
                    retryAfter: 60)
            }
            let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard email.contains("@"), email.utf8.count <= 320 else {
                let body = "<p class=\"error\" role=\"alert\">Enter your email address, such as ada@example.org.</p>"
                    + Self.form(csrf: fields["csrf"] ?? "", email: email)
                return Pages.html(WebHTML.page(title: "Sign in", body: body, person: nil, issuerName: web.issuerName), status: .unprocessableContent)
            }
            if let account = try web.ledger.account(email: email), account.disabledAt == nil {
                let since = web.timeText(web.now() - 15 * 60)
                if try web.ledger.signInLinkCount(accountId: account.id, since: since) < web.configuration.linksPerAddress {
                    let link = try web.signInLink(for: account, lifetime: web.configuration.linkLifetime)
                    let minutes = Int(web.configuration.linkLifetime / 60)
                    web.send(OutgoingMail(
                        to: account.email, subject: "Your sign-in link for \(web.issuerName)",
                        text: """
                            Hello \(account.displayName),

                            Open this link to sign in to \(web.issuerName)'s badges:

                            \(link)

                            The link works once, for \(minutes) minutes. If you did not ask for it, ignore this message.
                            """))
                }
            }
            // The same answer whether or not the address has an account, so the page does not reveal who does.
            let body = """
                <h1>Check your mail</h1>
                <p>If \(WebHTML.escape(email)) has an account here, a sign-in link is on its way. It works once, for a
                short time. At most \(web.configuration.linksPerAddress) links are sent to one address in 15 minutes.</p>
                """
            return Pages.html(WebHTML.page(title: "Check your mail", body: body, person: nil, issuerName: web.issuerName))
        }
        router.get("/signin/link") { request, _ in
            let token = request.uri.queryParameters.get("token") ?? ""
            let pre = web.preSession(request)
            // A confirmation form, so that mail scanners that open links do not use the one-time link up.
            let body = """
                <h1>Sign in</h1>
                <p>Continue to sign in to \(WebHTML.escape(web.issuerName))'s badges.</p>
                <form method="post" action="/signin/link">
                \(WebHTML.csrf(web.preSessionCSRF(pre.id)))
                <input type="hidden" name="token" value="\(WebHTML.escape(token))">
                <button type="submit" id="continue">Sign in</button>
                </form>
                """
            return Self.html(
                WebHTML.page(title: "Sign in", body: body, person: nil, issuerName: web.issuerName),
                cookies: pre.setCookie.map { [$0] } ?? [])
        }
        router.post("/signin/link") { request, _ in
            let fields = try await WebState.form(request)
            try web.checkCSRF(fields, request: request, person: nil)
            let token = fields["token"] ?? ""
            guard token.utf8.count == 43,
                let account = try web.ledger.redeemSignInLink(tokenHash: WebState.hash(token), now: web.nowText)
            else {
                let body = """
                    <h1>This link does not work any more</h1>
                    <p>Sign-in links work once and for a short time. <a href="/signin">Ask for a new one</a>.</p>
                    """
                return Pages.html(
                    WebHTML.page(title: "Link expired", body: body, person: nil, issuerName: web.issuerName),
                    status: .badRequest)
            }
            let cookie = try web.startSession(for: account)
            return Response.seeOther(Self.home(account.role), cookies: [cookie])
        }
        router.post("/signout") { request, _ in
            let fields = try await WebState.form(request)
            guard let person = try web.signedIn(request) else { return Response.seeOther("/signin") }
            try web.checkCSRF(fields, request: request, person: person)
            try web.ledger.deleteSession(tokenHash: person.tokenHash)
            return Response.seeOther("/signin", cookies: [web.cookie(WebState.sessionCookie, "", maxAge: 0)])
        }
    }

    static func home(_ role: AccountRole) -> String {
        switch role {
        case .learner: "/learn"
        case .assessor: "/assess"
        case .admin: "/admin"
        }
    }

    static func form(csrf: String, email: String = "") -> String {
        """
        <h1>Sign in</h1>
        <p>Enter the email address your badges are awarded to. We send you a link that signs you in; there is no
        password to remember.</p>
        <form method="post" action="/signin">
        \(WebHTML.csrf(csrf))
        <label for="email">Email address</label>
        <input type="email" id="email" name="email" autocomplete="email" required value="\(WebHTML.escape(email))">
        <button type="submit" id="send-link">Send me a sign-in link</button>
        </form>
        """
    }

    static func html(_ text: String, cookies: [String]) -> Response {
        var response = Pages.html(text)
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }
}

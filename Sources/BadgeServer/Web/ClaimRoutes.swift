import BadgeIssuer
import BadgeStore
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

extension WebState {
    /// How long a mailed claim link works.
    static let claimLinkLifetime: Double = 30 * 24 * 3600

    /// Makes a claim link for an awarded credential (mailed with "you earned it").
    func claimLink(credentialID: String, learner: String) throws -> String {
        let token = Self.randomToken()
        let start = now()
        try ledger.addClaimLink(ClaimLinkRecord(
            tokenHash: Self.hash(token), credentialId: credentialID, learner: learner, createdAt: timeText(start),
            expiresAt: timeText(start + Self.claimLinkLifetime)))
        return baseURL + "/claim/" + token
    }

    /// The signed credential of an award, as it was written.
    func awardedCredential(_ id: String) throws -> CredentialFile {
        guard let record = try ledger.credential(id: id), let path = record.outputPath,
            let data = FileManager.default.contents(atPath: path.hasPrefix("/") ? path : workspace.directory + "/" + path),
            let file = try? CredentialFile(bytes: Array(data), source: id)
        else { throw ServerError.notFound("This badge's file is not kept on this server.") }
        return file
    }
}

/// The learner's claim page for an awarded badge: downloads as JSON and as baked PNG and SVG images, LinkedIn,
/// the verification page. Opened by the claim link mailed with the award (which opens this page only), or by
/// the signed-in learner.
struct ClaimRoutes: Sendable {
    let web: WebState

    /// Who may see a claim page: the learner of the credential.
    enum Access {
        case link(token: String)
        case session(SignedIn)
    }

    func register(on router: Router<BasicRequestContext>) {
        let web = self.web
        router.get("/claim/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            let link = try Self.link(web, token, request: request)
            return Pages.html(try Self.page(web, credentialID: link.credentialId, base: "/claim/\(token)", person: try web.signedIn(request)))
        }
        router.get("/claim/:token/wallet") { request, context in
            let token = context.parameters.get("token") ?? ""
            let link = try Self.link(web, token, request: request)
            return Pages.html(try Self.walletPage(
                web, credentialID: link.credentialId, learner: link.learner, back: "/claim/\(token)",
                person: try web.signedIn(request)))
        }
        router.get("/claim/:token/:file") { request, context in
            let link = try Self.link(web, context.parameters.get("token") ?? "", request: request)
            return try Self.download(web, credentialID: link.credentialId, file: context.parameters.get("file") ?? "")
        }
        router.get("/learn/credentials/:id/claim") { request, context in
            let person = try web.require(request, [.learner])
            let id = try Self.own(web, context.parameters.get("id") ?? "", person)
            return Pages.html(try Self.page(web, credentialID: id, base: "/learn/credentials/\(Self.segment(id))", person: person))
        }
        router.get("/learn/credentials/:id/wallet") { request, context in
            let person = try web.require(request, [.learner])
            let id = try Self.own(web, context.parameters.get("id") ?? "", person)
            return Pages.html(try Self.walletPage(
                web, credentialID: id, learner: person.account.email, back: "/learn/credentials/\(Self.segment(id))/claim",
                person: person))
        }
        router.get("/learn/credentials/:id/:file") { request, context in
            let person = try web.require(request, [.learner])
            let id = try Self.own(web, context.parameters.get("id") ?? "", person)
            return try Self.download(web, credentialID: id, file: context.parameters.get("file") ?? "")
        }
    }

    /// A path segment for a credential id (URN colons kept; everything else that is not a letter or digit encoded).
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    /// The claim link of `token`: unexpired, and not opened by someone signed in as another learner.
    static func link(_ web: WebState, _ token: String, request: Request) throws -> ClaimLinkRecord {
        guard token.utf8.count == 43, let link = try web.ledger.claimLink(tokenHash: WebState.hash(token), now: web.nowText),
            (try web.signedIn(request)).map({ $0.account.role != .learner || $0.account.email == link.learner }) ?? true
        else {
            throw ServerError.notFound(
                "This claim link has expired or does not exist. Sign in to take your badge: /signin")
        }
        return link
    }

    static func own(_ web: WebState, _ id: String, _ person: SignedIn) throws -> String {
        guard try web.ledger.awards(learner: person.account.email).contains(where: { $0.credentialId == id }) else {
            throw ServerError.notFound("There is no such credential.")
        }
        return id
    }

    /// `badge.json`, `badge.png` or `badge.svg`.
    static func download(_ web: WebState, credentialID: String, file: String) throws -> Response {
        let credential = try web.awardedCredential(credentialID)
        let stem = Workspace.slug(credential.displayName ?? "badge")
        let bytes: [UInt8]
        let type: String
        switch file {
        case "badge.json":
            bytes = Array(credential.text.utf8)
            type = "application/vc+ld+json"
        case "verification-qr.png":
            guard let url = Sharing.links(for: credential, baseURL: web.workspace.config.baseURL).verificationURL,
                let code = CertificatePage.verificationQRCode(url)
            else { throw ServerError.notFound() }
            bytes = code.png(moduleSize: 8, quietZone: 4)
            type = "image/png"
        case "badge.png", "badge.svg":
            let png = file == "badge.png"
            let image = try image(web, credential, png: png)
            do {
                bytes = try BadgeImages.bake(credential, into: image).bytes
            } catch {
                throw ServerError(500, "bake", "The badge image could not be made: \(error)")
            }
            type = png ? "image/png" : "image/svg+xml"
        default:
            throw ServerError.notFound()
        }
        var response = Pages.bytes(ByteBuffer(bytes: bytes), contentType: type)
        let ext = file.split(separator: ".").last.map(String.init) ?? "json"
        response.headers[.contentDisposition] = "attachment; filename=\"\(stem).\(ext)\""
        return response
    }

    /// The achievement's own image in the wanted format when it has one, else the drawn default badge.
    static func image(_ web: WebState, _ credential: CredentialFile, png: Bool) throws -> [UInt8] {
        let prefix = png ? "data:image/png;base64," : "data:image/svg+xml;base64,"
        if let id = credential.view.achievement?.id,
            let definition = try? web.workspace.achievementDefinition(id: id), let uri = definition.image,
            uri.hasPrefix(prefix), let data = Data(base64Encoded: String(uri.dropFirst(prefix.count)))
        {
            return Array(data)
        }
        let name = credential.displayName ?? "Badge"
        let issuer = credential.issuerName ?? ""
        return png
            ? DefaultBadgeImage.png(achievementName: name, issuerName: issuer)
            : Array(DefaultBadgeImage.svg(achievementName: name, issuerName: issuer).utf8)
    }

    /// How long an offer made from the claim page can be taken up by a wallet.
    static let offerLifetime: Double = 15 * 60

    /// A fresh credential offer (OpenID4VCI, pre-authorized code) for the wallet to scan; its transaction code is
    /// mailed to the learner, so a code seen over a shoulder is not enough.
    static func walletPage(
        _ web: WebState, credentialID: String, learner: String, back: String, person: SignedIn?
    ) throws -> String {
        let e = WebHTML.escape
        let offer: CredentialOffer
        do {
            offer = try web.workspace.makeCredentialOffer(
                forAward: credentialID, learner: learner, issuerURL: web.baseURL, lifetime: offerLifetime,
                now: web.now(), txCode: true)
        } catch {
            throw ServerError(409, "offer", "This badge cannot be offered to a wallet: \(error)")
        }
        if let code = offer.txCode {
            web.send(OutgoingMail(
                to: learner, subject: "Your wallet code: \(code)",
                text: """
                    Your wallet asks for a code to receive your badge. Enter:

                    \(code)

                    It works once, for 15 minutes. If you did not ask to add a badge to a wallet, ignore this message.
                    """))
        }
        let qr = (try? QRCode(text: offer.uri, correction: .low))?.svg(
            moduleSize: 4, quietZone: 4, label: "QR code of the credential offer for your wallet")
        var body = """
            <h1>Add your badge to a wallet</h1>
            <ol>
            <li>Open your wallet app and choose to scan a code (or open the link below on the phone with the wallet).</li>
            <li>Scan this code. It works once, for 15 minutes.</li>
            <li>Enter the six-digit code we have just mailed to you.</li>
            </ol>

            """
        if let qr { body += "<figure class=\"qr\" id=\"offer-qr\">\(qr)<figcaption>Scan with your wallet</figcaption></figure>\n" }
        body += "<p><a id=\"offer-link\" href=\"\(e(offer.uri))\">Open in a wallet on this device</a></p>\n"
            + "<p><a href=\"\(e(back))\">Back to your badge</a></p>\n"
        return WebHTML.page(title: "Add to a wallet", body: body, person: person, issuerName: web.issuerName)
    }

    static func page(_ web: WebState, credentialID: String, base: String, person: SignedIn?) throws -> String {
        let e = WebHTML.escape
        let credential = try web.awardedCredential(credentialID)
        let links = Sharing.links(for: credential, baseURL: web.workspace.config.baseURL)
        let name = credential.displayName ?? "Badge"
        var body = """
            <h1>Your badge: \(e(name))</h1>
            <img class="badge-image" src="\(e(base))/badge.svg" alt="\(e(name)) badge" width="160" height="160">
            <p>\(e(credential.issuerName ?? web.issuerName)) awarded you this badge. It is yours: take it in the form
            you need. Each file carries the signed credential, which anyone can check.</p>
            <h2>Download</h2>
            <ul class="downloads">
            <li><a id="download-png" href="\(e(base))/badge.png" download>Badge image (PNG)</a>, for profiles and e-mail</li>
            <li><a id="download-svg" href="\(e(base))/badge.svg" download>Badge image (SVG)</a>, sharp at any size</li>
            <li><a id="download-json" href="\(e(base))/badge.json" download>Credential (JSON)</a>, for wallets and backpacks</li>
            </ul>
            <h2>Add to a wallet</h2>
            <p>A wallet app (such as the Learner Credential Wallet) can receive a copy issued to your wallet's own
            identifier. <a id="wallet" href="\(e(base))/wallet">Add it to a wallet</a>: you scan a code, and a
            six-digit code we mail you confirms it is you.</p>
            <h2>Share</h2>
            <p><a id="linkedin" href="\(e(links.linkedInURL))" rel="noopener noreferrer">Add to your LinkedIn profile</a></p>

            """
        if let url = links.verificationURL {
            body += "<p>Anyone can check it at <a id=\"verification-url\" href=\"\(e(url))\">\(e(url))</a>.</p>\n"
            if let svg = CertificatePage.verificationQRCodeSVG(url) {
                body += "<figure class=\"qr\" id=\"verification-qr\">\(svg)<figcaption>Scan to check this badge "
                    + "(<a href=\"\(e(base))/verification-qr.png\" download>PNG</a>)</figcaption></figure>\n"
            }
        }
        return WebHTML.page(title: "Your badge: \(name)", body: body, person: person, issuerName: web.issuerName)
    }
}

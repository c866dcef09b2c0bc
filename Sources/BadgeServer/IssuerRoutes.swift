import BadgeCrypto
import BadgeIssuer
import Foundation
import Hummingbird
import LinkedData
import OpenBadges

/// The issuer's public home, from a workspace: the DID document (did:web), the issuer profile, achievements as
/// JSON and as pages with their rubric, the published status lists and a JWKS.
struct IssuerRoutes: Sendable {
    let workspace: Workspace

    /// The path part of the workspace's base URL ("" or "/badges"): credential, achievement and status list URLs
    /// start there.
    var basePath: String {
        let base = workspace.config.baseURL
        guard let scheme = base.range(of: "://") else { return "" }
        let rest = base[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// did:web:host → https://host/.well-known/did.json; did:web:host:a:b → https://host/a/b/did.json.
    static func didDocumentURL(for did: String) -> String? {
        guard did.hasPrefix("did:web:") else { return nil }
        let parts = did.dropFirst("did:web:".count).split(separator: ":").map(String.init)
        guard let host = parts.first, !host.isEmpty else { return nil }
        let decodedHost = host.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":")
        let path = parts.dropFirst().joined(separator: "/")
        return "https://\(decodedHost)/" + (path.isEmpty ? ".well-known/did.json" : path + "/did.json")
    }

    /// The local path the DID document is served at.
    var didDocumentPath: String? {
        guard let did = workspace.config.didWeb, let url = Self.didDocumentURL(for: did),
            let scheme = url.range(of: "://"), let slash = url[scheme.upperBound...].firstIndex(of: "/")
        else { return nil }
        return String(url[slash...])
    }

    func register(on router: Router<BasicRequestContext>) {
        let workspace = self.workspace
        let base = basePath
        if let didPath = didDocumentPath {
            router.get(RouterPath(didPath)) { _, _ in
                let file = workspace.directory + "/" + Workspace.didDocumentFile
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ServerError.notFound("The issuer's DID document has not been written yet.")
                }
                return Pages.bytes(ByteBuffer(bytes: data), contentType: "application/did+ld+json")
            }
        }
        router.get("/.well-known/jwks.json") { _, _ in
            let jwks = JWKS(ed25519PublicKeys: [workspace.key.publicKey])
            return Pages.text(jwks.jsonString(prettyPrinted: true) + "\n", contentType: "application/jwk-set+json")
        }
        router.get(RouterPath(base + "/issuer")) { _, _ in
            var profile = workspace.config.issuer.json
            if profile["@context"] == nil {
                var ordered = JSONObject()
                ordered["@context"] = [.string(CredentialContexts.credentialsV2), .string(CredentialContexts.openBadgesV3)]
                for member in profile { ordered[member.key] = member.value }
                profile = ordered
            }
            return Pages.text(
                JSONSerializer(style: .pretty).serializeToString(.object(profile)) + "\n", contentType: "application/ld+json")
        }
        router.get(RouterPath(base + "/achievements")) { _, _ in
            var list = "<h1>Achievements</h1>\n<ul>\n"
            for (file, definition) in (try? workspace.achievements()) ?? [] {
                let stem = Self.stem(of: file)
                list += "<li><a href=\"\(HTML.escape(base + "/achievements/" + stem))\">\(HTML.escape(definition.name))</a></li>\n"
            }
            list += "</ul>\n"
            let name = workspace.config.issuer.name
            return Pages.html(HTML.page(title: "Achievements", body: list, issuerName: name))
        }
        router.get(RouterPath(base + "/achievements/:name")) { request, context in
            var name = context.parameters.get("name") ?? ""
            var wantsJSON = request.uri.queryParameters.get("format") == "json"
            if name.hasSuffix(".json") {
                name.removeLast(5)
                wantsJSON = true
            }
            if let accept = request.headers[.accept], !accept.contains("text/html"), accept.contains("json") {
                wantsJSON = true
            }
            guard Self.isSafeSegment(name) else { throw ServerError.notFound("There is no such achievement.") }
            let file = workspace.achievementsDirectory + "/" + name + ".json"
            guard FileManager.default.fileExists(atPath: file) else {
                throw ServerError.notFound("There is no achievement '\(name)' here.")
            }
            let definition: AchievementDefinition
            do {
                definition = try workspace.loadAchievement(file: file)
            } catch {
                throw ServerError(500, "achievement", "This achievement's file cannot be read.")
            }
            if wantsJSON {
                var json = definition.achievement.json
                if json["@context"] == nil {
                    var ordered = JSONObject()
                    ordered["@context"] = [.string(CredentialContexts.credentialsV2), .string(CredentialContexts.openBadgesV3)]
                    for member in json { ordered[member.key] = member.value }
                    json = ordered
                }
                return Pages.text(
                    JSONSerializer(style: .pretty).serializeToString(.object(json)) + "\n", contentType: "application/ld+json")
            }
            let page = HTML.achievement(definition, jsonURL: base + "/achievements/" + name + ".json")
            return Pages.html(HTML.page(title: definition.name, body: page, issuerName: workspace.config.issuer.name))
        }
        router.get(RouterPath(base + "/status/:purpose/:number")) { _, context in
            var number = context.parameters.get("number") ?? ""
            let purpose = context.parameters.get("purpose") ?? ""
            if number.hasSuffix(".json") { number.removeLast(5) }
            guard Self.isSafeSegment(purpose), Self.isSafeSegment(number) else {
                throw ServerError.notFound("There is no such status list.")
            }
            let file = workspace.statusDirectory + "/" + purpose + "/" + number + ".json"
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ServerError.notFound("There is no published status list '\(purpose)/\(number)' here.")
            }
            let isJWT = data.first == 0x65  // "e": a compact JWS starts with "ey"
            return Pages.bytes(
                ByteBuffer(bytes: data), contentType: isJWT ? "application/vc+jwt" : "application/vc+ld+json")
        }
    }

    static func stem(of file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }

    /// A path segment made only of letters, digits, '-', '_' and '.', not starting with '.'.
    static func isSafeSegment(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 120 && !text.hasPrefix(".")
            && text.unicodeScalars.allSatisfy { c in
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_" || c == "."
            }
    }
}

import ArgumentParser
import BadgeIssuer
import BadgeServer
import BadgeVerifier
import OpenBadges

/// `laurel serve`: the verification page employers use, and the issuer's public home.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the badge verification page and API, and host an issuer's public files.",
        discussion: """
            Pages and API:
              /                      a form to check a badge (PNG, SVG, JSON or JWT)
              POST /verify           the answer as a page (works without JavaScript)
              POST /api/verify       the answer as JSON (as laurel verify --format json)
            With a workspace (--workspace DIR, or one in the current folder), also:
              /.well-known/did.json  the DID document (did:web; /PATH/did.json with a path)
              /.well-known/jwks.json the issuer's public key as a JWK set
              /issuer                the issuer profile
              /achievements/NAME     each achievement (page, or JSON)
              /status/PURPOSE/N      the published status lists
              /verify?id=ID          an issued badge's report
              /signin                learners, assessors and staff sign in by a link
                                     sent by mail (accounts: laurel users)
              /learn                 a learner's achievements, rubrics, drafts,
                                     submissions, feedback and badges
              /assess                the assessors' queue and rubric reviews
              /admin                 the queue's health, people, achievements,
                                     programs, awards and revocation
              /claim/TOKEN           a learner's badge: downloads, LinkedIn, its
                                     QR code, and "add to a wallet"
              /oid4vci/…             wallets take badges by OpenID4VCI (metadata
                                     at /.well-known/openid-credential-issuer)
            Mail (sign-in links, invitations, "feedback is ready", "you earned it", the
            assessors' daily digest) is written as .eml files into the workspace's
            outbox/ folder unless --smtp names a mail server; links in it start with
            --public-url (default: the address the server listens on). The SMTP
            password comes from the LAUREL_SMTP_PASSWORD environment variable.
            Verification fetches the status lists and issuer documents a badge names over
            HTTPS (public addresses only, with limits) unless --offline. Badges of the
            hosted issuer are reported as issued by it; other issuers only when a --trust
            list names them. The server listens on 127.0.0.1 unless told otherwise and
            stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

            Under load: badges are verified on --workers threads of their own (one per
            core by default), so pages and /healthz are answered however busy they are.
            When every worker is busy, up to --queue uploads wait (four per worker by
            default), smaller ones first; one more is answered 503 with a Retry-After
            header. A check still waiting when --request-timeout passes (10 s) is dropped
            and answered 503, and so is one still running then (its result is discarded).

            Examples:
              laurel serve --workspace issuer --offline
              laurel serve --workspace issuer --public-url https://badges.example.edu \\
                  --smtp smtp://badges@mail.example.edu:587
              laurel serve --host 0.0.0.0 --port 8443 --workers 4 --queue 32 \\
                  --request-timeout 5
            """)

    @Option(name: .customLong("workspace"), help: ArgumentHelp("The issuer workspace to host.", valueName: "dir"))
    var workspacePath: String?

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Flag(help: "Make no outbound requests: verify with the hosted workspace's files only.")
    var offline = false

    @Flag(help: ArgumentHelp("Fetch over HTTPS what badges name (the default).", visibility: .hidden))
    var online = false

    @Option(help: ArgumentHelp(
        "Trusted issuers for the page and API: issuer ids one per line, or a DCC issuer registry (JSON); repeatable.",
        valueName: "file"))
    var trust: [String] = []

    @Option(name: .customLong("max-upload"), help: ArgumentHelp("The largest upload accepted, in MiB.", valueName: "mib"))
    var maxUploadMiB: Int = 8

    @Option(help: ArgumentHelp("Threads that verify uploads (default: one per core).", valueName: "n"))
    var workers: Int?

    @Option(name: .customLong("queue"), help: ArgumentHelp(
        "Uploads that may wait for a busy worker before more get 503 (default: four per worker).", valueName: "n"))
    var queueLimit: Int?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp(
        "The longest one verification may take, waiting included, in seconds.", valueName: "seconds"))
    var requestTimeout: Double = 10

    @Option(help: ArgumentHelp(
        "A mail server for sign-in links and notifications (smtp:// or smtps://, with a user; the password from "
            + "LAUREL_SMTP_PASSWORD). Default: .eml files in the workspace's outbox/.", valueName: "url"))
    var smtp: String?

    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "The address people reach this server at, for links in mail (default: http://HOST:PORT).", valueName: "url"))
    var publicURL: String?

    @Option(name: .customLong("mail-from"), help: ArgumentHelp(
        "The sender of mail (default: the issuer's email in the workspace).", valueName: "address"))
    var mailFrom: String?

    @Flag(name: .customLong("no-accounts"), help: "Serve no sign-in, learner, assessor or staff pages.")
    var noAccounts = false

    func validate() throws {
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            throw ValidationError("--public-url must start with https:// (or http://)")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...64).contains(maxUploadMiB) else { throw ValidationError("--max-upload must be between 1 and 64 MiB") }
        if let workers, !(1...256).contains(workers) { throw ValidationError("--workers must be between 1 and 256") }
        if let queueLimit, !(0...10_000).contains(queueLimit) {
            throw ValidationError("--queue must be between 0 and 10000")
        }
        guard requestTimeout >= 0.1 && requestTimeout <= 3600 else {
            throw ValidationError("--request-timeout must be between 0.1 and 3600 seconds")
        }
    }

    func run() async throws {
        var workspace: Workspace? = nil
        let folder = workspacePath ?? FileManagerless.currentDirectory()
        if workspacePath != nil || FileIO.exists(FileIO.join(folder, Workspace.configFile)) {
            do {
                workspace = try Workspace.open(at: folder)
            } catch {
                throw CLIError(error.description)
            }
        }
        let trusted = try TrustList.load(trust)
        var configuration = ServerConfiguration(
            host: host, port: port, workspace: workspace, online: !offline, maxBodyBytes: maxUploadMiB * 1024 * 1024,
            trust: trusted, now: { Console.nowSeconds() })
        if let workers { configuration.workers = workers }
        configuration.queueLimit = queueLimit
        configuration.requestTimeout = .milliseconds(Int64((requestTimeout * 1000).rounded()))
        if let workspace, !noAccounts {
            let mailer: any Mailer
            do {
                mailer = try Mail.mailer(smtp: smtp, outbox: workspace.outboxDirectory)
            } catch {
                throw CLIError("--smtp: \(error.description)")
            }
            configuration.web = .delivering(through: mailer, from: mailFrom ?? workspace.mailSender, publicURL: publicURL)
            let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
            if !loopback && !(publicURL ?? "").hasPrefix("https://") {
                Console.error(
                    "laurel: note: sign-in cookies are Secure: browsers keep them only over HTTPS (or on this machine). "
                        + "Serve the pages behind a TLS proxy and give --public-url https://…")
            }
        }
        let hosting = workspace.map { " hosting \($0.config.issuer.name ?? $0.config.issuerID)" } ?? ""
        let host = self.host
        try await runServer(configuration) { port in
            Console.error("laurel: serving on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/\(hosting)")
        }
    }
}

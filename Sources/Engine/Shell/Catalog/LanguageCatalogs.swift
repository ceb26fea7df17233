/// Catalogs of Alpine, PyPI and npm packages with realistic versions, sizes and
/// dependencies. Unknown names get generated, deterministic entries.

struct ApkPackage: Hashable, Sendable {
    var name: String
    var version: String
    var downloadKB: Int
    var installedKB: Int
    var depends: [String]
    var binaries: [String]
    var generated = false
}

enum ApkCatalog {
    /// "name|version|download kB|installed kB|depends|binaries" (Alpine 3.20)
    private static let rows: [String] = [
        "curl|8.12.1-r0|257|276|ca-certificates,libcurl|curl",
        "libcurl|8.12.1-r0|378|512|brotli-libs,c-ares,libidn2,libpsl,nghttp2-libs,zstd-libs|",
        "ca-certificates|20241121-r1|128|687||update-ca-certificates",
        "brotli-libs|1.1.0-r2|339|889||",
        "c-ares|1.33.1-r0|80|191||",
        "libidn2|2.3.7-r0|76|288|libunistring|",
        "libunistring|1.2-r0|521|1668||",
        "libpsl|0.21.5-r1|21|56||",
        "nghttp2-libs|1.62.1-r0|69|164||",
        "zstd-libs|1.5.6-r0|280|664||",
        "git|2.45.3-r0|4658|18300|libcurl,libexpat,pcre2,zlib|git,git-receive-pack,git-upload-pack,git-upload-archive,git-shell",
        "libexpat|2.7.0-r0|81|168||",
        "pcre2|10.43-r0|236|634||",
        "zlib|1.3.1-r1|53|100||",
        "bash|5.2.26-r0|484|1296|readline,libncursesw,ncurses-terminfo-base|bash",
        "readline|8.2.10-r0|117|276|libncursesw|",
        "libncursesw|6.4_p20240420-r2|145|345|ncurses-terminfo-base|",
        "ncurses-terminfo-base|6.4_p20240420-r2|20|36||",
        "build-base|0.5-r3|1|1|binutils,file,gcc,g++,make,libc-dev,fortify-headers,patch|",
        "binutils|2.42-r0|3548|10560|libctf,jansson,zlib,zstd-libs|ld,as,ar,nm,objdump,strip,readelf",
        "libctf|2.42-r0|98|186||",
        "jansson|2.14-r4|21|52||",
        "file|5.45-r1|24|36|libmagic|file",
        "libmagic|5.45-r1|464|8228||",
        "gcc|13.2.1_git20240309-r1|30712|106888|binutils,gmp,isl26,libatomic,libgcc,libgomp,libstdc++,mpc1,mpfr4,zlib,zstd-libs|gcc,cc,cpp",
        "g++|13.2.1_git20240309-r1|11640|42068|gcc,libstdc++-dev,musl-dev|g++,c++",
        "libstdc++-dev|13.2.1_git20240309-r1|2020|18180||",
        "libstdc++|13.2.1_git20240309-r1|720|2472|libgcc|",
        "libgcc|13.2.1_git20240309-r1|21|129||",
        "libgomp|13.2.1_git20240309-r1|94|286||",
        "libatomic|13.2.1_git20240309-r1|7|24||",
        "gmp|6.3.0-r1|251|426||",
        "isl26|0.26-r1|656|2216||",
        "mpc1|1.3.1-r1|35|80||",
        "mpfr4|4.2.1-r0|340|612||",
        "make|4.4.1-r2|149|276||make",
        "libc-dev|0.7.2-r5|1|1|musl-dev|",
        "musl-dev|1.2.5-r0|1190|11272||",
        "fortify-headers|1.1-r3|11|92||",
        "patch|2.7.6-r10|106|196||patch",
        "linux-headers|6.6-r0|1386|6940||",
        "python3|3.12.9-r0|646|180|libbz2,libffi,gdbm,xz-libs,mpdecimal,libpanelw,readline,sqlite-libs,python3-pyc,pyc,python3-pycache-pyc0|python3,python3.12",
        "python3-pyc|3.12.9-r0|1|1||",
        "python3-pycache-pyc0|3.12.9-r0|9412|35184||",
        "pyc|3.12.9-r0|1|1||",
        "libbz2|1.0.8-r6|30|76||",
        "libffi|3.4.6-r0|14|44||",
        "gdbm|1.23-r1|86|192||",
        "xz-libs|5.6.2-r1|133|240||",
        "mpdecimal|4.0.0-r0|92|220||",
        "libpanelw|6.4_p20240420-r2|13|24||",
        "sqlite-libs|3.45.3-r2|688|1524||",
        "py3-pip|24.0-r2|3040|12120|python3,py3-setuptools|pip,pip3,pip3.12",
        "py3-setuptools|70.3.0-r0|3692|14900|python3|",
        "nodejs|20.15.1-r0|11108|43508|ca-certificates,icu-libs,libstdc++,libgcc,libuv,ada-libs,simdjson,simdutf,brotli-libs,c-ares,nghttp2-libs|node",
        "npm|10.8.0-r0|2696|10648|nodejs|npm,npx",
        "icu-libs|74.2-r0|12008|37148|icu-data-en|",
        "icu-data-en|74.2-r0|9932|29924||",
        "libuv|1.48.0-r0|89|200||",
        "ada-libs|2.7.8-r0|215|544||",
        "simdjson|3.9.4-r0|220|596||",
        "simdutf|5.2.8-r0|165|708||",
        "tzdata|2025a-r0|449|1628||",
        "openssl|3.3.3-r0|335|720||openssl",
        "openssl-dev|3.3.3-r0|1960|6308|openssl|",
        "libffi-dev|3.4.6-r0|19|92|libffi|",
        "postgresql16-client|16.8-r0|736|2080|libpq|psql,pg_dump,pg_restore",
        "libpq|16.8-r0|132|344||",
        "libpq-dev|16.8-r0|1088|5252|libpq,openssl-dev|pg_config",
        "jq|1.7.1-r0|263|372|oniguruma|jq",
        "oniguruma|6.9.9-r0|195|532||",
        "vim|9.1.0707-r0|1912|3712|xxd,vim-common|vim,vimdiff,rvim,view",
        "xxd|9.1.0707-r0|17|36||xxd",
        "vim-common|9.1.0707-r0|8664|32356||",
        "nano|8.0-r0|548|2268|libncursesw|nano",
        "shadow|4.15.1-r0|1096|4320|linux-pam|useradd,groupadd,usermod,userdel,groupdel,passwd",
        "linux-pam|1.6.0-r0|332|1080||",
        "su-exec|0.2-r3|6|24||su-exec",
        "tini|0.19.0-r3|224|560||tini",
        "git-lfs|3.5.1-r4|3840|12804|git|git-lfs",
        "gcompat|1.1.0-r4|7|40|libucontext,musl-obstack|",
        "libucontext|1.2-r3|16|36||",
        "musl-obstack|1.2.3-r2|5|24||",
        "wget|1.24.5-r0|478|1064|libidn2,libunistring,pcre2|wget",
        "go|1.22.12-r0|58400|227800|binutils,gcc,musl-dev|go,gofmt",
        "nginx|1.26.3-r0|596|1312|pcre|nginx",
        "pcre|8.45-r3|173|420||",
        "supervisor|4.2.5-r5|358|1960|python3|supervisord,supervisorctl",
        "openssh-client|9.7_p1-r5|1076|3284||ssh,scp,sftp,ssh-keygen",
        "rsync|3.4.0-r0|393|812|zstd-libs|rsync",
        "htop|3.3.0-r0|173|428|libncursesw|htop",
        "dumb-init|1.2.5-r3|20|64||dumb-init",
    ]

    static let packages: [String: ApkPackage] = {
        var result: [String: ApkPackage] = [:]
        for row in rows {
            let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let dl = Int(f[2]), let inst = Int(f[3]) else { continue }
            result[f[0]] = ApkPackage(name: f[0], version: f[1], downloadKB: dl, installedKB: inst,
                                      depends: f[4].split(separator: ",").map(String.init), binaries: f[5].split(separator: ",").map(String.init))
        }
        return result
    }()

    /// Alpine's base packages (alpine:3.20): dependencies on these are already met.
    static let baseSystem: [String] = [
        "alpine-baselayout", "alpine-baselayout-data", "alpine-keys", "apk-tools", "busybox", "busybox-binsh",
        "ca-certificates-bundle", "libcrypto3", "libssl3", "musl", "musl-utils", "scanelf", "ssl_client", "zlib",
    ]

    static func package(named name: String) -> ApkPackage? {
        if let p = packages[name] { return p }
        guard AptCatalog.isValidName(name) || name.contains("_") else { return nil }
        let seed = "apk:" + name
        let installed = ShellHash.pick(seed, in: 60...4_000)
        let isLib = name.hasSuffix("-libs") || name.hasPrefix("lib") || name.hasSuffix("-dev")
        return ApkPackage(name: name, version: "\(ShellHash.pick(seed + ":major", in: 1...9)).\(ShellHash.pick(seed + ":minor", in: 0...20)).\(ShellHash.pick(seed + ":patch", in: 0...9))-r\(ShellHash.pick(seed + ":rev", in: 0...3))",
                          downloadKB: max(4, installed * 35 / 100), installedKB: installed, depends: [], binaries: isLib ? [] : [name], generated: true)
    }
}

struct PipPackage: Hashable, Sendable {
    /// The name as its metadata spells it (what "Successfully installed" prints).
    var name: String
    var version: String
    var wheelBytes: Int
    var installedBytes: Int
    /// Requirement strings as in the wheel metadata (`Werkzeug>=3.1`).
    var requires: [String]
    var scripts: [String]
    /// Whether the wheel is platform specific (cp3XX-manylinux) rather than py3-none-any.
    var binary: Bool
    var generated = false

    var canonical: String { PipCatalog.canonicalize(name) }

    /// Projects whose wheels still carry their capitalised name; newer wheels are lower case.
    static let capitalisedWheels: Set<String> = ["MarkupSafe", "Django", "SQLAlchemy", "PyYAML"]

    func wheelName(pythonTag: String) -> String {
        let base = PipPackage.capitalisedWheels.contains(name) ? name.shellUnderscored : name.shellUnderscored.lowercased()
        let tag = binary ? "\(pythonTag)-\(pythonTag)-manylinux_2_17_x86_64.manylinux2014_x86_64" : "py3-none-any"
        return "\(base)-\(version)-\(tag).whl"
    }
    /// Top-level import package directory name.
    var importName: String {
        switch canonical {
        case "python-dateutil": return "dateutil"
        case "pyyaml": return "yaml"
        case "pillow": return "PIL"
        case "psycopg2-binary": return "psycopg2"
        case "beautifulsoup4": return "bs4"
        case "python-dotenv": return "dotenv"
        case "scikit-learn": return "sklearn"
        case "typing-extensions": return "typing_extensions"
        default: return canonical.shellUnderscored.lowercased()
        }
    }
}

extension String {
    var shellUnderscored: String { String(map { $0 == "-" || $0 == "." ? "_" : $0 }) }
}

enum PipCatalog {
    /// "Name|version|wheel bytes|installed bytes|requires (;-separated)|scripts|binary"
    private static let rows: [String] = [
        "flask|3.1.0|102987|297000|Werkzeug>=3.1;Jinja2>=3.1.2;itsdangerous>=2.2;click>=8.1.3;blinker>=1.9|flask|0",
        "Werkzeug|3.1.3|224471|868000|MarkupSafe>=2.1.1||0",
        "Jinja2|3.1.5|134596|819000|MarkupSafe>=2.0||0",
        "MarkupSafe|3.0.2|23084|61000|||1",
        "itsdangerous|2.2.0|16234|72000|||0",
        "click|8.1.8|98188|421000|||0",
        "blinker|1.9.0|8458|34000|||0",
        "requests|2.32.3|64928|253000|charset-normalizer<4,>=2;idna<4,>=2.5;urllib3<3,>=1.21.1;certifi>=2017.4.17||0",
        "charset-normalizer|3.4.1|145031|472000||normalizer|1",
        "idna|3.10|70442|412000|||0",
        "urllib3|2.3.0|128369|611000|||0",
        "certifi|2025.1.31|166393|301000|||0",
        "Django|5.1.6|8277130|41230000|asgiref<4,>=3.8.1;sqlparse>=0.3.1|django-admin|0",
        "asgiref|3.8.1|23828|80000|||0",
        "sqlparse|0.5.3|44415|205000||sqlformat|0",
        "numpy|2.2.3|16116279|61904000||f2py,numpy-config|1",
        "pandas|2.2.3|12738911|67450000|numpy>=1.26.0;python-dateutil>=2.8.2;pytz>=2020.1;tzdata>=2022.7||1",
        "python-dateutil|2.9.0.post0|229889|800000|six>=1.5||0",
        "six|1.17.0|11050|40000|||0",
        "pytz|2025.1|507930|2830000|||0",
        "tzdata|2025.1|346762|1930000|||0",
        "fastapi|0.115.8|94842|620000|starlette<0.46.0,>=0.40.0;pydantic!=1.8,<3.0.0,>=1.7.4;typing-extensions>=4.8.0|fastapi|0",
        "starlette|0.45.3|71507|404000|anyio<5,>=3.6.2||0",
        "anyio|4.8.0|96041|452000|idna>=2.8;sniffio>=1.1||0",
        "sniffio|1.3.1|10235|30000|||0",
        "pydantic|2.10.6|431696|2300000|annotated-types>=0.6.0;pydantic-core==2.27.2;typing-extensions>=4.12.2||0",
        "pydantic_core|2.27.2|2021307|5430000|typing-extensions!=4.7.0,>=4.6.0||1",
        "annotated-types|0.7.0|13643|41000|||0",
        "typing_extensions|4.12.2|37438|140000|||0",
        "uvicorn|0.34.0|62315|250000|click>=7.0;h11>=0.8|uvicorn|0",
        "h11|0.14.0|58259|200000|||0",
        "gunicorn|23.0.0|85029|399000|packaging|gunicorn|0",
        "packaging|24.2|65451|253000|||0",
        "pytest|8.3.4|343083|1523000|iniconfig;packaging;pluggy<2,>=1.5|pytest,py.test|0",
        "iniconfig|2.0.0|5892|20000|||0",
        "pluggy|1.5.0|20556|82000|||0",
        "psycopg2-binary|2.9.10|3044445|9540000|||1",
        "SQLAlchemy|2.0.38|3226371|15860000|greenlet!=0.4.17;typing-extensions>=4.6.0||1",
        "greenlet|3.1.1|615622|1900000|||1",
        "redis|5.2.1|261502|1200000|||0",
        "python-dotenv|1.0.1|19863|67000||dotenv|0",
        "PyYAML|6.0.2|759457|2510000|||1",
        "pillow|11.1.0|4495567|14070000|||1",
        "beautifulsoup4|4.13.3|186015|760000|soupsieve>1.2;typing-extensions>=4.0.0||0",
        "soupsieve|2.6|36186|150000|||0",
        "boto3|1.36.21|139170|540000|botocore<1.37.0,>=1.36.21;jmespath<2.0.0,>=0.7.1;s3transfer<0.12.0,>=0.11.0||0",
        "botocore|1.36.21|13374400|98300000|jmespath<2.0.0,>=0.7.1;python-dateutil<3.0.0,>=2.1;urllib3!=2.2.0,<3,>=1.25.4||0",
        "jmespath|1.0.1|20256|80000|||0",
        "s3transfer|0.11.2|84244|360000|botocore<2.0a.0,>=1.36.0||0",
        "scikit-learn|1.6.1|13513578|44400000|numpy>=1.19.5;scipy>=1.6.0;joblib>=1.2.0;threadpoolctl>=3.1.0||1",
        "scipy|1.15.2|37670000|115800000|numpy<2.5,>=1.23.5||1",
        "joblib|1.4.2|301817|1600000|||0",
        "threadpoolctl|3.5.0|18414|70000|||0",
        "celery|5.4.0|425983|2200000|billiard<5.0,>=4.2.0;kombu<6.0,>=5.3.4;vine<6.0,>=5.1.0;click<9.0,>=8.1.2;python-dateutil>=2.8.2;tzdata>=2022.7|celery|0",
        "billiard|4.2.1|86840|400000|||0",
        "kombu|5.4.2|201349|980000|amqp<6.0.0,>=5.1.1;vine==5.1.0||0",
        "amqp|5.3.1|50944|230000|vine<6.0.0,>=5.0.0||0",
        "vine|5.1.0|9636|40000|||0",
        "httpx|0.28.1|73517|330000|anyio;certifi;httpcore==1.*;idna|httpx|0",
        "httpcore|1.0.7|78551|340000|certifi;h11<0.15,>=0.13||0",
        "pip|25.0.1|1841506|8800000||pip,pip3|0",
        "setuptools|75.8.0|1228782|5810000|||0",
        "wheel|0.45.1|72494|230000||wheel|0",
        "black|25.1.0|194634|1100000|click>=8.0.0;mypy-extensions>=0.4.3;packaging>=22.0;pathspec>=0.9.0;platformdirs>=2|black,blackd|1",
        "mypy-extensions|1.0.0|4695|15000|||0",
        "pathspec|0.12.1|31191|130000|||0",
        "platformdirs|4.3.6|18439|70000|||0",
        "matplotlib|3.10.0|8618920|27100000|contourpy>=1.0.1;cycler>=0.10;fonttools>=4.22.0;kiwisolver>=1.3.1;numpy>=1.23;packaging>=20.0;pillow>=8;pyparsing>=2.3.1;python-dateutil>=2.7||1",
        "contourpy|1.3.1|1339000|3700000|numpy>=1.23||1",
        "cycler|0.12.1|8335|30000|||0",
        "fonttools|4.56.0|4887000|19600000||fonttools,pyftmerge,pyftsubset,ttx|1",
        "kiwisolver|1.4.8|1471000|3900000|||1",
        "pyparsing|3.2.1|107716|470000|||0",
    ]

    static let packages: [String: PipPackage] = {
        var result: [String: PipPackage] = [:]
        for row in rows {
            let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let wheel = Int(f[2]), let inst = Int(f[3]) else { continue }
            let p = PipPackage(name: f[0], version: f[1], wheelBytes: wheel, installedBytes: inst,
                               requires: f[4].split(separator: ";").map(String.init),
                               scripts: f[5].split(separator: ",").map(String.init), binary: f[6] == "1")
            result[canonicalize(f[0])] = p
        }
        return result
    }()

    /// PEP 503 normalisation: lower case, runs of `-_.` become `-`.
    static func canonicalize(_ name: String) -> String {
        var out = ""
        var lastWasSeparator = false
        for c in name.lowercased() {
            if c == "-" || c == "_" || c == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out.append(c)
                lastWasSeparator = false
            }
        }
        return out
    }

    static func isValidName(_ name: String) -> Bool {
        guard let f = name.first, let l = name.last, f.isLetter || f.isNumber, l.isLetter || l.isNumber else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-_.".contains($0) }
    }

    static func package(named name: String, version: String?) -> PipPackage? {
        let key = canonicalize(name)
        if var p = packages[key] {
            if let version, version != p.version {
                // Another release of a known package: same shape, slightly different size.
                let factor = 0.85 + ShellHash.unit("pip:\(key)==\(version)") * 0.25
                p.version = version
                p.wheelBytes = Int(Double(p.wheelBytes) * factor)
                p.installedBytes = Int(Double(p.installedBytes) * factor)
            }
            return p
        }
        guard isValidName(name) else { return nil }
        let seed = "pip:" + key
        let wheel = ShellHash.pick(seed, in: 8_000...900_000)
        return PipPackage(name: name, version: version ?? "\(ShellHash.pick(seed + ":major", in: 0...4)).\(ShellHash.pick(seed + ":minor", in: 0...30)).\(ShellHash.pick(seed + ":patch", in: 0...12))",
                          wheelBytes: wheel, installedBytes: wheel * ShellHash.pick(seed + ":ratio", in: 25...45) / 10,
                          requires: [], scripts: [], binary: false, generated: true)
    }
}

struct NpmPackage: Hashable, Sendable {
    var name: String
    var version: String
    var installedBytes: Int
    var dependencies: [String]
    var bins: [String]
    var funding: Bool
    var generated = false
}

enum NpmCatalog {
    /// "name|version|installed bytes|dependencies|bins|funding"
    private static let rows: [String] = [
        "express|4.21.2|220000|accepts,array-flatten,body-parser,content-disposition,content-type,cookie,cookie-signature,debug,depd,encodeurl,escape-html,etag,finalhandler,fresh,http-errors,merge-descriptors,methods,on-finished,parseurl,path-to-regexp,proxy-addr,qs,range-parser,safe-buffer,send,serve-static,setprototypeof,statuses,type-is,utils-merge,vary||1",
        "accepts|1.3.8|16000|mime-types,negotiator||0",
        "body-parser|1.20.3|58000|bytes,content-type,debug,depd,destroy,http-errors,iconv-lite,on-finished,qs,raw-body,type-is,unpipe||1",
        "debug|2.6.9|52000|ms||0",
        "finalhandler|1.3.1|18000|debug,encodeurl,escape-html,on-finished,parseurl,statuses,unpipe||0",
        "http-errors|2.0.0|19000|depd,inherits,setprototypeof,statuses,toidentifier||0",
        "iconv-lite|0.4.24|336000|safer-buffer||0",
        "mime-types|2.1.35|22000|mime-db||0",
        "mime-db|1.52.0|205000|||0",
        "on-finished|2.4.1|16000|ee-first||0",
        "proxy-addr|2.0.7|16000|forwarded,ipaddr.js||0",
        "qs|6.13.0|250000|side-channel||1",
        "side-channel|1.1.0|40000|es-errors,object-inspect,side-channel-list,side-channel-map,side-channel-weakmap||1",
        "side-channel-map|1.0.1|20000|call-bound,es-errors,get-intrinsic,object-inspect||1",
        "side-channel-weakmap|1.0.2|20000|call-bound,es-errors,get-intrinsic,object-inspect,side-channel-map||1",
        "side-channel-list|1.0.0|18000|es-errors,object-inspect||1",
        "get-intrinsic|1.2.7|44000|call-bind-apply-helpers,es-define-property,es-errors,es-object-atoms,function-bind,get-proto,gopd,has-symbols,hasown,math-intrinsics||1",
        "call-bound|1.0.3|14000|call-bind-apply-helpers,get-intrinsic||1",
        "get-proto|1.0.1|12000|dunder-proto,es-object-atoms||1",
        "dunder-proto|1.0.1|12000|call-bind-apply-helpers,es-errors,gopd||1",
        "raw-body|2.5.2|27000|bytes,http-errors,iconv-lite,unpipe||0",
        "send|0.19.0|48000|debug,depd,destroy,encodeurl,escape-html,etag,fresh,http-errors,mime,ms,on-finished,range-parser,statuses||0",
        "serve-static|1.16.2|25000|encodeurl,escape-html,parseurl,send||0",
        "type-is|1.6.18|18000|media-typer,mime-types||0",
        "hasown|2.0.2|12000|function-bind||1",
        "lodash|4.17.21|1412000|||0",
        "axios|1.7.9|2160000|follow-redirects,form-data,proxy-from-env||0",
        "follow-redirects|1.15.9|30000|||1",
        "form-data|4.0.1|35000|asynckit,combined-stream,mime-types||0",
        "combined-stream|1.0.8|14000|delayed-stream||0",
        "react|19.0.0|250000|||0",
        "react-dom|19.0.0|6400000|scheduler||0",
        "scheduler|0.25.0|110000|||0",
        "dotenv|16.4.7|79000|||1",
        "cors|2.8.5|20000|object-assign,vary||0",
        "nodemon|3.1.9|210000|chokidar,debug,ignore-by-default,minimatch,pstree.remy,semver,simple-update-notifier,supports-color,touch,undefsafe|nodemon|1",
        "chokidar|3.6.0|90000|anymatch,braces,glob-parent,is-binary-path,is-glob,normalize-path,readdirp||1",
        "typescript|5.7.3|23100000||tsc,tsserver|0",
        "uuid|11.0.5|140000||uuid|1",
        "chalk|5.4.1|44000|||1",
        "commander|13.1.0|190000|||0",
        "moment|2.30.1|4350000|||0",
        "pg|8.13.3|80000|pg-connection-string,pg-pool,pg-protocol,pg-types,pgpass||0",
        "mongoose|8.10.1|2600000|bson,kareem,mongodb,mpath,mquery,ms,sift||1",
        "mongodb|6.13.0|3300000|@mongodb-js/saslprep,bson,mongodb-connection-string-url||0",
        "bson|6.10.2|1600000|||0",
        "jsonwebtoken|9.0.2|43000|jws,lodash.includes,lodash.isboolean,lodash.isinteger,lodash.isnumber,lodash.isplainobject,lodash.isstring,lodash.once,ms,semver||0",
        "semver|7.7.1|95000||semver|0",
        "helmet|8.0.0|103000|||1",
        "morgan|1.10.0|28000|basic-auth,debug,depd,on-finished,on-headers||0",
        "socket.io|4.8.1|1400000|accepts,base64id,cors,debug,engine.io,socket.io-adapter,socket.io-parser||1",
        "next|15.1.7|118000000|@next/env,@swc/counter,@swc/helpers,busboy,caniuse-lite,postcss,styled-jsx|next|1",
        "eslint|9.20.1|3000000|@eslint/js,ajv,chalk,cross-spawn,debug,espree,esquery,esutils,file-entry-cache,ignore,minimatch,optionator|eslint|1",
        "jest|29.7.0|9000|@jest/core,@jest/types,import-local,jest-cli|jest|1",
        "prettier|3.5.1|7800000||prettier|1",
        "webpack|5.98.0|5600000|acorn,browserslist,chrome-trace-event,enhanced-resolve,es-module-lexer,eslint-scope,graceful-fs,json-parse-even-better-errors,loader-runner,mime-types,neo-async,schema-utils,tapable,terser-webpack-plugin,watchpack,webpack-sources|webpack|1",
        "vite|6.1.0|3200000|esbuild,postcss,rollup|vite|1",
    ]

    static let packages: [String: NpmPackage] = {
        var result: [String: NpmPackage] = [:]
        for row in rows {
            let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let size = Int(f[2]) else { continue }
            result[f[0]] = NpmPackage(name: f[0], version: f[1], installedBytes: size, dependencies: f[3].split(separator: ",").map(String.init),
                                      bins: f[4].split(separator: ",").map(String.init), funding: f[5] == "1")
        }
        return result
    }()

    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 214, !name.hasPrefix("."), !name.hasPrefix("_") else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "-_.@/~".contains($0) }
    }

    /// A catalog entry, or a generated leaf package (dependencies of catalog packages that are
    /// not listed themselves are real package names and get small generated sizes).
    static func package(named name: String) -> NpmPackage? {
        if let p = packages[name] { return p }
        guard isValidName(name) else { return nil }
        let seed = "npm:" + name
        return NpmPackage(name: name, version: "\(ShellHash.pick(seed + ":major", in: 1...6)).\(ShellHash.pick(seed + ":minor", in: 0...12)).\(ShellHash.pick(seed + ":patch", in: 0...9))",
                          installedBytes: ShellHash.pick(seed, in: 6_000...90_000), dependencies: [], bins: [], funding: ShellHash.unit(seed + ":fund") < 0.2, generated: true)
    }
}

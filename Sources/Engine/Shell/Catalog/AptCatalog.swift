/// A small catalog of Debian packages with realistic versions (bookworm), download and
/// installed sizes, dependencies and the programs they ship. Names not listed get a
/// plausible generated size (see `AptCatalog.package(named:)`).
struct AptPackage: Hashable, Sendable {
    var name: String
    var version: String
    var downloadKB: Int
    var installedKB: Int
    var depends: [String]
    var binaries: [String]
    var section: String
    /// Whether the simulator made this entry up (the name is not in the catalog).
    var generated = false
}

enum AptCatalog {
    /// "name|version|download kB|installed kB|depends|binaries|section"
    private static let rows: [String] = [
        "curl|7.88.1-10+deb12u12|315|500|libcurl4|curl|main",
        "libcurl4|7.88.1-10+deb12u12|391|790|libnghttp2-14,libpsl5,librtmp1,libssh2-1,libldap-2.5-0,libbrotli1,libgssapi-krb5-2||main",
        "libcurl3-gnutls|7.88.1-10+deb12u12|386|784|libnghttp2-14,libpsl5,librtmp1,libssh2-1,libldap-2.5-0,libbrotli1,libgssapi-krb5-2||main",
        "libnghttp2-14|1.52.0-1+deb12u2|72|200|||main",
        "libpsl5|0.21.2-1|58|99|||main",
        "librtmp1|2.4+20151223.gitfa8646d.1-2+b2|60|151|||main",
        "libssh2-1|1.10.0-3+b1|179|356|||main",
        "libldap-2.5-0|2.5.13+dfsg-5|183|561|libsasl2-2||main",
        "libsasl2-2|2.1.28+dfsg-10|59|169|libsasl2-modules-db||main",
        "libsasl2-modules-db|2.1.28+dfsg-10|20|130|||main",
        "libbrotli1|1.0.9-2+b6|269|786|||main",
        "libgssapi-krb5-2|1.20.1-2+deb12u2|135|432|libkrb5-3,libk5crypto3,libkrb5support0,libkeyutils1||main",
        "libkrb5-3|1.20.1-2+deb12u2|333|1017|||main",
        "libk5crypto3|1.20.1-2+deb12u2|78|231|||main",
        "libkrb5support0|1.20.1-2+deb12u2|32|131|||main",
        "libkeyutils1|1.6.3-2|8|41|||main",
        "ca-certificates|20230311|153|401|openssl|update-ca-certificates|main",
        "openssl|3.0.15-1~deb12u1|1424|2375||openssl,c_rehash|main",
        "wget|1.21.3-1+b2|984|3669|libpsl5|wget|main",
        "git|1:2.39.5-0+deb12u2|7264|36532|git-man,liberror-perl,libcurl3-gnutls,libexpat1,perl|git,git-receive-pack,git-upload-pack,git-upload-archive,git-shell|vcs",
        "git-man|1:2.39.5-0+deb12u2|2051|11935|||doc",
        "liberror-perl|0.17029-2|29|40|perl||perl",
        "libexpat1|2.5.0-1+deb12u1|99|366|||main",
        "perl|5.36.0-7+deb12u1|239|707|perl-modules-5.36,libperl5.36|perl,cpan,perldoc,prove|perl",
        "perl-modules-5.36|5.36.0-7+deb12u1|2815|17810|||perl",
        "libperl5.36|5.36.0-7+deb12u1|4207|28634|libgdbm6,libgdbm-compat4||perl",
        "libgdbm6|1.23-3|72|229|||main",
        "libgdbm-compat4|1.23-3|48|69|||main",
        "vim|2:9.0.1378-2+deb12u2|1567|4003|vim-common,vim-runtime,libgpm2,libsodium23|vim,vim.basic,vimdiff,rvim,view|editors",
        "vim-common|2:9.0.1378-2+deb12u2|170|400|||editors",
        "vim-runtime|2:9.0.1378-2+deb12u2|7025|36801|||editors",
        "vim-tiny|2:9.0.1378-2+deb12u2|704|1716|vim-common|vi,vim.tiny|editors",
        "nano|7.2-1+deb12u1|690|2782||nano,rnano|editors",
        "libgpm2|1.20.7-10+b1|14|52|||main",
        "libsodium23|1.0.18-1|161|375|||main",
        "less|590-2.1~deb12u2|132|440||less,lessfile,lesspipe|text",
        "python3|3.11.2-1+b1|26|92|python3.11,python3-minimal,libpython3-stdlib|python3,pydoc3,pygettext3|python",
        "python3-minimal|3.11.2-1+b1|26|130|python3.11-minimal||python",
        "python3.11|3.11.2-6+deb12u5|573|2090|python3.11-minimal,libpython3.11-stdlib|python3.11|python",
        "python3.11-minimal|3.11.2-6+deb12u5|2064|6158|libpython3.11-minimal|python3.11|python",
        "libpython3.11-minimal|3.11.2-6+deb12u5|817|5135|||python",
        "libpython3.11-stdlib|3.11.2-6+deb12u5|1798|8402|media-types,libsqlite3-0,libreadline8,libncursesw6||python",
        "libpython3-stdlib|3.11.2-1+b1|9|37|libpython3.11-stdlib||python",
        "media-types|10.0.0|26|102|||net",
        "libsqlite3-0|3.40.1-2+deb12u1|838|1741|||libs",
        "libreadline8|8.2-1.3|163|471|readline-common||libs",
        "readline-common|8.2-1.3|69|191|||utils",
        "libncursesw6|6.4-4|134|412|||libs",
        "python3-pip|23.0.1+dfsg-1|1325|6834|python3,python3-setuptools,python3-wheel,ca-certificates|pip,pip3,pip3.11|python",
        "python3-setuptools|66.1.1-1+deb12u1|522|2733|python3-pkg-resources||python",
        "python3-pkg-resources|66.1.1-1+deb12u1|296|1011|python3||python",
        "python3-wheel|0.38.4-2|32|148|python3||python",
        "python3-venv|3.11.2-1+b1|1196|1215|python3.11-venv,python3||python",
        "python3.11-venv|3.11.2-6+deb12u5|5896|6136|python3.11||python",
        "python3-dev|3.11.2-1+b1|26|34|python3.11-dev,python3||python",
        "python3.11-dev|3.11.2-6+deb12u5|497|1713|libpython3.11-dev,python3.11||python",
        "libpython3.11-dev|3.11.2-6+deb12u5|4743|22926|libpython3.11-stdlib||libdevel",
        "build-essential|12.9|7|20|gcc,g++,make,dpkg-dev,libc6-dev||devel",
        "gcc|4:12.2.0-3|5|51|gcc-12,cpp|gcc,cc,c89,c99|devel",
        "gcc-12|12.2.0-14|19313|68553|cpp-12,libgcc-12-dev,binutils|gcc-12,x86_64-linux-gnu-gcc-12|devel",
        "cpp|4:12.2.0-3|6|41|cpp-12|cpp|interpreters",
        "cpp-12|12.2.0-14|9808|32473|libisl23,libmpc3,libmpfr6|cpp-12|interpreters",
        "libisl23|0.25-1.1|678|3673|||libs",
        "libmpc3|1.3.1-1|51|136|||libs",
        "libmpfr6|4.2.0-1|699|2806|||libs",
        "libgcc-12-dev|12.2.0-14|2437|10134|libasan8,libtsan2,libubsan1,libitm1,liblsan0,libquadmath0,libgomp1,libatomic1||libdevel",
        "libasan8|12.2.0-14|2193|8009|||libs",
        "libtsan2|12.2.0-14|2196|8124|||libs",
        "libubsan1|12.2.0-14|883|2928|||libs",
        "libitm1|12.2.0-14|26|113|||libs",
        "liblsan0|12.2.0-14|974|3166|||libs",
        "libquadmath0|12.2.0-14|145|299|||libs",
        "libgomp1|12.2.0-14|116|339|||libs",
        "libatomic1|12.2.0-14|9|45|||libs",
        "binutils|2.40-2|65|120|binutils-x86-64-linux-gnu,libbinutils,binutils-common|ld,as,ar,nm,objdump,strip,readelf|devel",
        "binutils-x86-64-linux-gnu|2.40-2|2512|10666|||devel",
        "libbinutils|2.40-2|572|2560|libctf0,libctf-nobfd0,libgprofng0,libjansson4||libs",
        "binutils-common|2.40-2|2487|11868|||devel",
        "libctf0|2.40-2|88|212|||libs",
        "libctf-nobfd0|2.40-2|153|284|||libs",
        "libgprofng0|2.40-2|809|3462|||libs",
        "libjansson4|2.14-2|40|84|||libs",
        "g++|4:12.2.0-3|1335|14|g++-12,gcc|g++,c++|devel",
        "g++-12|12.2.0-14|10697|37307|gcc-12,libstdc++-12-dev|g++-12|devel",
        "libstdc++-12-dev|12.2.0-14|2047|19367|libgcc-12-dev||libdevel",
        "make|4.3-4.1|396|1611||make,gmake|devel",
        "dpkg-dev|1.21.22|1353|3322|binutils,patch,xz-utils,bzip2,make,libdpkg-perl|dpkg-buildpackage,dpkg-source,dpkg-architecture|utils",
        "libdpkg-perl|1.21.22|1341|3373|perl||perl",
        "patch|2.7.6-7|128|233||patch|vcs",
        "xz-utils|5.4.1-0.2|470|1333||xz,unxz,xzcat|utils",
        "bzip2|1.0.8-5+b1|49|121||bzip2,bunzip2,bzcat|utils",
        "libc6-dev|2.36-9+deb12u9|1903|12470|linux-libc-dev,libcrypt-dev,rpcsvc-proto,libnsl-dev,libc-dev-bin||libdevel",
        "linux-libc-dev|6.1.124-1|2140|10170|||devel",
        "libcrypt-dev|1:4.4.33-2|118|313|||libdevel",
        "libnsl-dev|1.3.0-2|66|232|||libdevel",
        "rpcsvc-proto|1.4.3-1|63|276||rpcgen|utils",
        "libc-dev-bin|2.36-9+deb12u9|46|232||ldd,gencat|libdevel",
        "nginx|1.22.1-9+deb12u1|526|1176|nginx-common,libnginx-mod-http-geoip,libnginx-mod-stream|nginx|httpd",
        "nginx-common|1.22.1-9+deb12u1|114|412|||httpd",
        "libnginx-mod-http-geoip|1.22.1-9+deb12u1|94|197|libgeoip1||httpd",
        "libnginx-mod-stream|1.22.1-9+deb12u1|114|289|||httpd",
        "libgeoip1|1.6.12-10|91|247|||libs",
        "libpq-dev|15.10-0+deb12u1|143|535|libpq5,libssl-dev|pg_config|libdevel",
        "libpq5|15.10-0+deb12u1|190|887|||libs",
        "libssl-dev|3.0.15-1~deb12u1|2442|12618|||libdevel",
        "libffi-dev|3.4.4-1|59|424|||libdevel",
        "pkg-config|1.8.1-1|13|33|pkgconf|pkg-config|devel",
        "pkgconf|1.8.1-1|26|101|libpkgconf3|pkgconf,x86_64-linux-gnu-pkg-config|devel",
        "libpkgconf3|1.8.1-1|36|131|||libs",
        "unzip|6.0-28|166|529||unzip,funzip,unzipsfx,zipinfo|utils",
        "zip|3.0-13|230|637||zip,zipcloak,zipnote,zipsplit|utils",
        "procps|2:4.0.2-3|709|2357|libproc2-0|ps,top,free,kill,pgrep,pkill,uptime,vmstat,watch|admin",
        "libproc2-0|2:4.0.2-3|62|175|||libs",
        "netcat-openbsd|1.219-1|41|109||nc,nc.openbsd,netcat|net",
        "iputils-ping|3:20221126-1+deb12u1|47|120||ping,ping4,ping6|net",
        "jq|1.6-2.1|65|102|libjq1|jq|utils",
        "libjq1|1.6-2.1|136|383|libonig5||libs",
        "libonig5|6.9.8-1|172|624|||libs",
        "sudo|1.9.13p3-1+deb12u1|1889|6158||sudo,sudoedit,sudoreplay|admin",
        "tzdata|2025a-0+deb12u1|257|1390|||localization",
        "locales|2.36-9+deb12u9|3908|17219||locale-gen,update-locale,validlocale|localization",
        "gnupg|2.2.40-1.1|846|885|gpg,gpg-agent,dirmngr,gpgsm|gpg-zip|utils",
        "gpg|2.2.40-1.1|949|1754|libassuan0,libksba8,libnpth0|gpg|utils",
        "gpg-agent|2.2.40-1.1|695|1528|libassuan0,libnpth0|gpg-agent|utils",
        "dirmngr|2.2.40-1.1|792|1744|libassuan0,libksba8,libnpth0|dirmngr|utils",
        "gpgsm|2.2.40-1.1|674|1503|libassuan0,libksba8,libnpth0|gpgsm|utils",
        "libassuan0|2.5.5-5|48|205|||libs",
        "libksba8|1.6.3-2|130|398|||libs",
        "libnpth0|1.6-3|19|50|||libs",
        "nodejs|18.19.0+dfsg-6~deb12u2|319|802|libnode108|node,nodejs|web",
        "libnode108|18.19.0+dfsg-6~deb12u2|12179|48431|libuv1,libicu72,libcares2||libs",
        "libuv1|1.44.2-1+deb12u1|145|358|||libs",
        "libicu72|72.1-3|9376|36880|||libs",
        "libcares2|1.18.1-3|102|234|||libs",
        "postgresql-client|15+248|11|25|postgresql-client-15|psql|database",
        "postgresql-client-15|15.10-0+deb12u1|1704|7361|libpq5|psql,pg_dump,pg_restore|database",
        "default-libmysqlclient-dev|1.1.0|3|10|libmariadb-dev|mysql_config|libdevel",
        "libmariadb-dev|1:10.11.6-0+deb12u1|257|1134|libmariadb3,libssl-dev|mariadb_config|libdevel",
        "libmariadb3|1:10.11.6-0+deb12u1|176|519|||libs",
        "openssh-client|1:9.2p1-2+deb12u4|991|4904|libfido2-1|ssh,scp,sftp,ssh-keygen,ssh-keyscan,ssh-agent|net",
        "libfido2-1|1.12.0-2+b1|77|227|||libs",
        "htop|3.2.2-2|152|415|libnl-3-200|htop|utils",
        "libnl-3-200|3.7.0-0.2+b1|63|199|||libs",
        "file|1:5.44-3|42|85|libmagic1|file|utils",
        "libmagic1|1:5.44-3|104|253|libmagic-mgc||libs",
        "libmagic-mgc|1:5.44-3|305|7373|||libs",
        "dumb-init|1.2.5-2|15|71||dumb-init|utils",
        "tini|0.19.0-1|255|769||tini,tini-static|utils",
        "supervisor|4.2.5-1|312|1758|python3|supervisord,supervisorctl|admin",
        "cron|3.0pl1-162|75|252||cron,crontab|admin",
        "rsync|3.2.7-1+deb12u2|417|754|libpopt0|rsync|net",
        "libpopt0|1.19+dfsg-1|43|199|||libs",
        "imagemagick|8:6.9.11.60+dfsg-1.6+deb12u2|90|283|imagemagick-6.q16|convert,identify,mogrify|graphics",
        "imagemagick-6.q16|8:6.9.11.60+dfsg-1.6+deb12u2|210|722|libmagickcore-6.q16-6|convert-im6.q16|graphics",
        "libmagickcore-6.q16-6|8:6.9.11.60+dfsg-1.6+deb12u2|1783|6785|||libs",
        "ffmpeg|7:5.1.6-0+deb12u1|1838|2309|libavcodec59,libavformat59|ffmpeg,ffprobe|video",
        "libavcodec59|7:5.1.6-0+deb12u1|5523|19208|||libs",
        "libavformat59|7:5.1.6-0+deb12u1|1105|2925|||libs",
        "default-jre-headless|2:1.17-74|3|6|openjdk-17-jre-headless||interpreters",
        "openjdk-17-jre-headless|17.0.14+7-1~deb12u1|43713|196043||java,keytool|java",
        "golang-go|2:1.19~1|25|23|golang-1.19-go|go,gofmt|devel",
        "golang-1.19-go|1.19.8-2|56742|348934||go,gofmt|devel",
    ]

    static let packages: [String: AptPackage] = {
        var result: [String: AptPackage] = [:]
        for row in rows {
            let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let dl = Int(f[2]), let inst = Int(f[3]) else { continue }
            result[f[0]] = AptPackage(name: f[0], version: f[1], downloadKB: dl, installedKB: inst,
                                      depends: f[4].split(separator: ",").map(String.init),
                                      binaries: f[5].split(separator: ",").map(String.init), section: f[6])
        }
        return result
    }()

    /// Packages every Debian/Ubuntu base image already has (when /var/lib/dpkg/status does
    /// not say otherwise): dependencies on these are satisfied.
    static let baseSystem: Set<String> = [
        "libc6", "libssl3", "zlib1g", "libzstd1", "libpcre2-8-0", "libcom-err2", "libgnutls30", "libidn2-0",
        "libunistring2", "libnettle8", "libhogweed6", "libp11-kit0", "libtasn1-6", "libgmp10", "libffi8", "libtinfo6",
        "libdb5.3", "libbz2-1.0", "liblzma5", "libcrypt1", "libgcrypt20", "libgpg-error0", "libselinux1", "debconf",
        "perl-base", "tar", "gzip", "bash", "coreutils", "dpkg", "apt", "libstdc++6", "libgcc-s1", "libacl1",
        "libattr1", "base-files", "base-passwd", "debian-archive-keyring", "findutils", "grep", "sed", "hostname",
        "login", "passwd", "adduser", "mawk", "ncurses-base", "sysvinit-utils", "util-linux", "mount", "libsystemd0",
        "libudev1", "libaudit1", "libpam0g", "libsemanage2", "libcap-ng0", "libsmartcols1", "libblkid1", "libmount1",
        "libuuid1", "libxxhash0", "liblz4-1", "libext2fs2", "e2fsprogs", "dash", "diffutils", "libseccomp2", "gpgv",
    ]

    /// Debian package names: lower case letters, digits and `+ - .`, at least two characters.
    static func isValidName(_ name: String) -> Bool {
        guard name.count >= 2, let first = name.first, first.isLowercase || first.isNumber else { return false }
        return name.allSatisfy { ($0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || "+-.".contains($0) }
    }

    /// A catalog entry, or a generated one for an unknown but valid name.
    static func package(named name: String, distro: ShellDistro) -> AptPackage? {
        if var p = packages[name] {
            if distro.family == .ubuntu { p.version = ubuntuVersion(p.version, release: distro.versionID) }
            return p
        }
        guard isValidName(name) else { return nil }
        let seed = "apt:" + name
        let isLib = name.hasPrefix("lib")
        let isDev = name.hasSuffix("-dev")
        let installed = isDev ? ShellHash.pick(seed, in: 300...6_000) : isLib ? ShellHash.pick(seed, in: 80...2_500) : ShellHash.pick(seed, in: 150...9_000)
        let download = max(4, installed * ShellHash.pick(seed + ":ratio", in: 28...42) / 100)
        let binaries = (isLib || isDev) ? [] : [name]
        let version = "\(ShellHash.pick(seed + ":major", in: 1...9)).\(ShellHash.pick(seed + ":minor", in: 0...24)).\(ShellHash.pick(seed + ":patch", in: 0...9))-\(ShellHash.pick(seed + ":rev", in: 1...5))"
        return AptPackage(name: name, version: distro.family == .ubuntu ? ubuntuVersion(version, release: distro.versionID) : version, downloadKB: download,
                          installedKB: installed, depends: [], binaries: binaries, section: isLib ? "libs" : "misc", generated: true)
    }

    /// Ubuntu rebuilds Debian's upstream versions with its own revision suffix.
    private static func ubuntuVersion(_ v: String, release: String) -> String {
        guard let dash = v.lastIndex(of: "-") else { return v + "build1" }
        return String(v[..<dash]) + "-1ubuntu0.\(release).1"
    }
}

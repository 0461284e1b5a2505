#!/bin/sh
# Installer for the python-concurrency-performance skill (POSIX sh).
#
#   curl -fsSL https://github.com/<owner>/<repo>/releases/latest/download/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- --version 1.2.3
#   sh install.sh --help
#
# Downloads the release zip and its SHA-256 over https, verifies the checksum
# before anything is extracted, checks every archive entry, stages next to the
# target and swaps it in atomically: on any failure the previous install is
# left exactly as it was. Never reads stdin, never edits shell rc files or PATH.
# The whole script is functions; the last line calls main, so a truncated
# download does nothing.
# shellcheck shell=sh

NAME='python-concurrency-performance'
# The default download location (one source: tools/release_url.txt in the repository).
DEFAULT_BASE_URL='https://github.com/python-concurrency-performance/python-concurrency-performance/releases'
MANIFEST='install-manifest.txt'
PROG='install.sh'

usage() {
    cat <<EOF
Install the $NAME skill for Claude Code.

Usage: sh install.sh [OPTIONS]
       curl -fsSL <url>/install.sh | sh -s -- [OPTIONS]

Options (each has an environment variable twin; the option wins):
  --version V      install version V instead of the latest      PCP_INSTALL_VERSION
  --dir DIR        skills folder to install into                 PCP_INSTALL_DIR
                   (default: \${CLAUDE_CONFIG_DIR:-\$HOME/.claude}/skills)
  --base-url URL   https release location to download from       PCP_INSTALL_BASE_URL
                   (default: $DEFAULT_BASE_URL)
  --archive ZIP    install from a zip on disk (offline)          PCP_INSTALL_ARCHIVE
                   (checksum: ZIP.sha256 beside it, or --sha256)
  --sha256 HEX     expected SHA-256 of the zip                   PCP_INSTALL_SHA256
  --force          replace a target that is a symlink            PCP_INSTALL_FORCE=1
  --quiet          print errors only                             PCP_INSTALL_QUIET=1
  --verbose        say which tools are used and each step        PCP_INSTALL_VERBOSE=1
  --uninstall      remove the installed skill (only a folder     PCP_INSTALL_UNINSTALL=1
                   carrying this installer's manifest)
  --help           show this help                                PCP_INSTALL_HELP=1

The checksum is always verified; there is no option to skip it.
Exit status: 0 done, 1 failed (nothing changed unless said so), 2 usage error.
EOF
}

say() {
    [ "$OPT_QUIET" = 1 ] || printf '%s\n' "$*" >&2
}

info() {
    [ "$OPT_VERBOSE" = 1 ] || return 0
    printf '%s: %s\n' "$PROG" "$*" >&2
}

warn() {
    printf '%s: warning: %s\n' "$PROG" "$*" >&2
}

# Remove our temporary and staging folders; if the previous install was moved
# aside and the new one is not in place, put the previous one back.
cleanup() {
    if [ -n "$OLD_ASIDE" ] && [ -n "$TARGET" ]; then
        if [ ! -e "$TARGET" ] && [ ! -L "$TARGET" ]; then
            if mv "$OLD_ASIDE/$NAME" "$TARGET" 2>/dev/null; then
                RESTORED=1
            fi
        fi
        if [ ! -e "$OLD_ASIDE/$NAME" ] && [ ! -L "$OLD_ASIDE/$NAME" ]; then
            rmdir "$OLD_ASIDE" 2>/dev/null || :
        fi
        OLD_ASIDE=''
    fi
    if [ -n "$STAGE" ]; then
        rm -rf "$STAGE" 2>/dev/null || :
        STAGE=''
    fi
    if [ -n "$WORK" ]; then
        rm -rf "$WORK" 2>/dev/null || :
        WORK=''
    fi
}

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    cleanup
    if [ "$CHANGED" = 0 ] || [ "$RESTORED" = 1 ]; then
        printf '%s: nothing was changed%s.\n' "$PROG" "${TARGET:+ in $TARGET}" >&2
    fi
    exit 1
}

usage_error() {
    printf '%s: %s\n' "$PROG" "$*" >&2
    printf "%s: run 'sh install.sh --help' for the options.\n" "$PROG" >&2
    exit 2
}

on_signal() {
    printf '%s: interrupted\n' "$PROG" >&2
    cleanup
    exit "$1"
}

# Parse a boolean environment variable: prints 1 or 0.
env_bool() {
    case $2 in
        1 | true | TRUE | True | yes | YES | Yes | on | ON) printf 1 ;;
        '' | 0 | false | FALSE | False | no | NO | No | off | OFF) printf 0 ;;
        *) usage_error "$1=$2: expected 1 or 0" ;;
    esac
}

read_env() {
    OPT_VERSION=${PCP_INSTALL_VERSION-}
    OPT_DIR=${PCP_INSTALL_DIR-}
    OPT_BASE_URL=${PCP_INSTALL_BASE_URL-}
    OPT_ARCHIVE=${PCP_INSTALL_ARCHIVE-}
    OPT_SHA256=${PCP_INSTALL_SHA256-}
    OPT_FORCE=$(env_bool PCP_INSTALL_FORCE "${PCP_INSTALL_FORCE-}") || exit 2
    OPT_QUIET=$(env_bool PCP_INSTALL_QUIET "${PCP_INSTALL_QUIET-}") || exit 2
    OPT_VERBOSE=$(env_bool PCP_INSTALL_VERBOSE "${PCP_INSTALL_VERBOSE-}") || exit 2
    OPT_UNINSTALL=$(env_bool PCP_INSTALL_UNINSTALL "${PCP_INSTALL_UNINSTALL-}") || exit 2
    OPT_HELP=$(env_bool PCP_INSTALL_HELP "${PCP_INSTALL_HELP-}") || exit 2
}

parse_args() {
    while [ $# -gt 0 ]; do
        case $1 in
            --version | --dir | --base-url | --archive | --sha256)
                [ $# -ge 2 ] || usage_error "$1 needs a value"
                set_value "$1" "$2"
                shift 2
                ;;
            --version=* | --dir=* | --base-url=* | --archive=* | --sha256=*)
                set_value "${1%%=*}" "${1#*=}"
                shift
                ;;
            --force) OPT_FORCE=1; shift ;;
            --quiet) OPT_QUIET=1; shift ;;
            --verbose) OPT_VERBOSE=1; shift ;;
            --uninstall) OPT_UNINSTALL=1; shift ;;
            -h | --help) OPT_HELP=1; shift ;;
            *) usage_error "unknown option: $1" ;;
        esac
    done
}

set_value() {
    [ -n "$2" ] || usage_error "$1 needs a non-empty value"
    case $1 in
        --version) OPT_VERSION=$2 ;;
        --dir) OPT_DIR=$2 ;;
        --base-url) OPT_BASE_URL=$2 ;;
        --archive) OPT_ARCHIVE=$2 ;;
        --sha256) OPT_SHA256=$2 ;;
    esac
}

check_options() {
    if [ "$OPT_QUIET" = 1 ] && [ "$OPT_VERBOSE" = 1 ]; then
        usage_error "--quiet and --verbose exclude each other"
    fi
    case $OPT_VERSION in
        '' | latest) OPT_VERSION=latest ;;
        v[0-9]* | [0-9]*)
            OPT_VERSION=${OPT_VERSION#v}
            case $OPT_VERSION in
                *[!0-9A-Za-z.+-]*) usage_error "--version $OPT_VERSION: only letters, digits and . + - are allowed" ;;
            esac
            ;;
        *) usage_error "--version $OPT_VERSION: expected a version such as 1.2.3 (or latest)" ;;
    esac
    if [ -n "$OPT_ARCHIVE" ] && [ -n "$OPT_BASE_URL" ]; then
        usage_error "--archive and --base-url exclude each other"
    fi
    if [ -z "$OPT_BASE_URL" ]; then
        OPT_BASE_URL=$DEFAULT_BASE_URL
    fi
    case $OPT_BASE_URL in
        https://*) ;;
        *) usage_error "--base-url $OPT_BASE_URL: only https:// URLs are allowed" ;;
    esac
    case $OPT_BASE_URL in
        *[!A-Za-z0-9._~:/?#@%+=,-]*) usage_error "--base-url: unexpected character in $OPT_BASE_URL" ;;
    esac
    while :; do
        case $OPT_BASE_URL in
            */) OPT_BASE_URL=${OPT_BASE_URL%/} ;;
            *) break ;;
        esac
    done
    if [ -n "$OPT_SHA256" ]; then
        OPT_SHA256=$(normalize_hex "$OPT_SHA256") || usage_error "--sha256: expected 64 hexadecimal digits"
    fi
}

# Print the lowercase form of a 64-digit hex string, or fail.
normalize_hex() {
    case $1 in
        *[!0-9a-fA-F]* | '') return 1 ;;
    esac
    [ ${#1} -eq 64 ] || return 1
    printf '%s' "$1" | tr 'A-F' 'a-f'
}

resolve_dir() {
    if [ -n "$OPT_DIR" ]; then
        SKILLS=$OPT_DIR
    elif [ -n "${CLAUDE_CONFIG_DIR-}" ]; then
        SKILLS=$CLAUDE_CONFIG_DIR/skills
    elif [ -n "${HOME-}" ]; then
        SKILLS=$HOME/.claude/skills
    else
        usage_error "HOME is not set: pass --dir DIR (or set CLAUDE_CONFIG_DIR or PCP_INSTALL_DIR)"
    fi
    case $SKILLS in
        /*) ;;
        *) SKILLS=$(pwd)/$SKILLS ;;
    esac
    while :; do
        case $SKILLS in
            ?*/) SKILLS=${SKILLS%/} ;;
            *) break ;;
        esac
    done
    TARGET=$SKILLS/$NAME
}

have() {
    command -v "$1" >/dev/null 2>&1
}

pick_hasher() {
    if have sha256sum; then
        HASHER=sha256sum
    elif have shasum; then
        HASHER=shasum
    elif have openssl; then
        HASHER=openssl
    else
        die "no SHA-256 tool found (sha256sum, shasum or openssl); the download cannot be verified. Install coreutils or openssl"
    fi
    info "checksum tool: $HASHER"
}

# Print the SHA-256 of a file (lowercase hex), or fail.
hash_file() {
    case $HASHER in
        sha256sum) HASH_OUT=$(sha256sum <"$1") || return 1 ;;
        shasum) HASH_OUT=$(shasum -a 256 <"$1") || return 1 ;;
        openssl) HASH_OUT=$(openssl dgst -sha256 <"$1") || return 1 ;;
    esac
    case $HASHER in
        openssl) HASH_OUT=${HASH_OUT##* } ;;
        *) HASH_OUT=${HASH_OUT%% *} ;;
    esac
    normalize_hex "$HASH_OUT"
}

pick_extractor() {
    # Info-ZIP unzip only: BusyBox unzip cannot list raw entry names or modes (-Z).
    if have unzip && unzip -v 2>/dev/null </dev/null | grep -q 'Info-ZIP'; then
        EXTRACTOR=unzip
    elif have bsdtar; then
        EXTRACTOR=bsdtar
        BSDTAR=bsdtar
    elif have tar && tar --version 2>/dev/null | grep -q bsdtar; then
        # macOS and the BSDs: tar is bsdtar, which reads zip files
        EXTRACTOR=bsdtar
        BSDTAR=tar
    elif have python3; then
        EXTRACTOR=python3
    else
        die "no usable zip extractor found (BusyBox unzip cannot list entries safely): install unzip (Debian/Ubuntu: apt-get install unzip; Fedora: dnf install unzip; Alpine: apk add unzip), or bsdtar (libarchive-tools), or python3"
    fi
    info "zip tool: $EXTRACTOR"
}

pick_downloader() {
    CURL_OK=0
    if have curl; then
        case $(command -v curl) in
            /snap/*) info "curl is a snap package (cannot write outside its sandbox); trying wget" ;;
            *) CURL_OK=1 ;;
        esac
    fi
    if [ "$CURL_OK" = 1 ]; then
        DOWNLOADER=curl
    elif have wget && wget --help 2>&1 | grep -q -- '--https-only'; then
        DOWNLOADER=wget
    elif have wget; then
        die "this wget cannot enforce https-only downloads (BusyBox?); install curl or GNU wget"
    else
        die "neither curl nor wget found; install curl (or use --archive with a downloaded zip)"
    fi
    info "download tool: $DOWNLOADER"
}

# download URL FILE
download() {
    case $1 in
        https://*) ;;
        *) die "refusing a non-https URL: $1" ;;
    esac
    info "downloading $1"
    if [ "$DOWNLOADER" = curl ]; then
        curl --proto '=https' --proto-redir '=https' --tlsv1.2 --fail --location \
            --silent --show-error --retry 3 --connect-timeout 20 --max-time 600 \
            --output "$2" "$1" 2>"$WORK/download.err" </dev/null
    else
        wget --https-only --secure-protocol=TLSv1_2 --tries=3 --timeout=20 \
            --quiet --output-document="$2" "$1" 2>"$WORK/download.err" </dev/null
    fi || {
        DL_RC=$?
        DL_ERR=$(tr '\n' ' ' <"$WORK/download.err")
        die "download failed ($DOWNLOADER exit $DL_RC): $1${DL_ERR:+: $DL_ERR}"
    }
}

# Read the expected checksum from a .sha256 file into EXPECTED, or fail.
read_checksum_file() {
    [ -s "$1" ] || die "checksum file is empty or missing: $2"
    SUM_LINES=$(tr -d '\r' <"$1" | grep -c .) || :
    [ "$SUM_LINES" = 1 ] || die "malformed checksum file (expected one line '<64 hex digits>  <file>'): $2"
    SUM_LINE=$(tr -d '\r' <"$1" | grep .)
    case $SUM_LINE in
        *[!0-9A-Za-z\ \	*._+-]*) die "malformed checksum file (unexpected characters): $2" ;;
    esac
    SUM_HEX=${SUM_LINE%%[ 	]*}
    EXPECTED=$(normalize_hex "$SUM_HEX") || die "malformed checksum file (no 64-digit SHA-256 first): $2"
}

obtain_archive() {
    if [ -n "$OPT_ARCHIVE" ]; then
        [ -f "$OPT_ARCHIVE" ] || die "--archive $OPT_ARCHIVE: no such file"
        if [ -n "$OPT_SHA256" ]; then
            EXPECTED=$OPT_SHA256
        elif [ -f "$OPT_ARCHIVE.sha256" ]; then
            read_checksum_file "$OPT_ARCHIVE.sha256" "$OPT_ARCHIVE.sha256"
        else
            die "no checksum for $OPT_ARCHIVE: put $OPT_ARCHIVE.sha256 beside it or pass --sha256 HEX"
        fi
        cp "$OPT_ARCHIVE" "$WORK/bundle.zip" || die "cannot read $OPT_ARCHIVE"
        SOURCE=$OPT_ARCHIVE
        return 0
    fi
    if [ "$OPT_VERSION" = latest ]; then
        URL=$OPT_BASE_URL/latest/download/$NAME.zip
    else
        URL=$OPT_BASE_URL/download/v$OPT_VERSION/$NAME.zip
    fi
    if [ -n "$OPT_SHA256" ]; then
        EXPECTED=$OPT_SHA256
    else
        download "$URL.sha256" "$WORK/bundle.zip.sha256"
        read_checksum_file "$WORK/bundle.zip.sha256" "$URL.sha256"
    fi
    download "$URL" "$WORK/bundle.zip"
    SOURCE=$URL
}

verify_archive() {
    ACTUAL=$(hash_file "$WORK/bundle.zip") || die "could not compute the SHA-256 of the download with $HASHER"
    if [ "$ACTUAL" != "$EXPECTED" ]; then
        die "checksum mismatch for $SOURCE: expected $EXPECTED, got $ACTUAL (corrupted or tampered download)"
    fi
    info "sha256 ok: $ACTUAL"
}

# Write the entry names to $WORK/entries and fail when the archive has symlinks.
list_archive() {
    case $EXTRACTOR in
        unzip)
            unzip -Z1 "$WORK/bundle.zip" >"$WORK/entries" 2>"$WORK/list.err" </dev/null ||
                die "not a readable zip archive: $SOURCE"
            unzip -Z "$WORK/bundle.zip" >"$WORK/long" 2>/dev/null </dev/null || die "not a readable zip archive: $SOURCE"
            ;;
        bsdtar)
            "$BSDTAR" -tf "$WORK/bundle.zip" >"$WORK/entries" 2>"$WORK/list.err" </dev/null ||
                die "not a readable zip archive: $SOURCE"
            "$BSDTAR" -tvf "$WORK/bundle.zip" >"$WORK/long" 2>/dev/null </dev/null || die "not a readable zip archive: $SOURCE"
            ;;
        python3)
            python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i in z.infolist():
    print(i.filename)
' "$WORK/bundle.zip" >"$WORK/entries" 2>"$WORK/list.err" </dev/null || die "not a readable zip archive: $SOURCE"
            python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i in z.infolist():
    print(("l " if (i.external_attr >> 16) & 0o170000 == 0o120000 else "- ") + i.filename)
' "$WORK/bundle.zip" >"$WORK/long" 2>/dev/null </dev/null || die "not a readable zip archive: $SOURCE"
            ;;
    esac
    if grep '^l' "$WORK/long" >/dev/null; then
        die "archive contains a symlink entry; refusing it: $(grep '^l' "$WORK/long" | head -n 1)"
    fi
}

check_entries() {
    [ -s "$WORK/entries" ] || die "archive is empty: $SOURCE"
    while IFS= read -r ENTRY || [ -n "$ENTRY" ]; do
        case $ENTRY in
            '') die "archive has an entry with an empty name" ;;
            /* | [A-Za-z]:*) die "archive entry has an absolute path: $ENTRY" ;;
            *\\*) die "archive entry has a backslash: $ENTRY" ;;
        esac
        ENTRY_PATH=${ENTRY%/}
        case /$ENTRY_PATH/ in
            */../*) die "archive entry has a '..' segment: $ENTRY" ;;
            */./* | *//*) die "archive entry has an empty or '.' segment: $ENTRY" ;;
            */.*) die "archive entry has a hidden (dot) name: $ENTRY" ;;
        esac
        case $ENTRY_PATH in
            *[!A-Za-z0-9._+/-]*) die "archive entry has an unexpected character: $ENTRY" ;;
        esac
        case $ENTRY_PATH in
            "$NAME" | "$NAME"/*) ;;
            *) die "archive entry is outside the $NAME/ folder: $ENTRY" ;;
        esac
    done <"$WORK/entries"
    DUPS=$(LC_ALL=C sort "$WORK/entries" | uniq -d | head -n 1)
    [ -z "$DUPS" ] || die "archive has a duplicate entry: $DUPS"
    grep -qx "$NAME/SKILL.md" "$WORK/entries" || die "archive has no $NAME/SKILL.md: not a release of this skill"
}

# Look at what is installed now: sets STATE to none, symlink, other, unmarked,
# clean or edited, and OLD_VERSION.
inspect_target() {
    OLD_VERSION=''
    if [ -L "$TARGET" ]; then
        STATE=symlink
    elif [ ! -e "$TARGET" ]; then
        STATE=none
    elif [ ! -d "$TARGET" ]; then
        STATE=other
    elif [ ! -f "$TARGET/$MANIFEST" ] || ! grep -qx "name: $NAME" "$TARGET/$MANIFEST"; then
        STATE=unmarked
    else
        OLD_VERSION=$(sed -n 's/^version: //p' "$TARGET/$MANIFEST" | head -n 1)
        tree_digest "$TARGET" "$WORK/current" || die "cannot read the installed files in $TARGET"
        sed '1,/^files:$/d' "$TARGET/$MANIFEST" >"$WORK/recorded"
        if cmp -s "$WORK/current" "$WORK/recorded"; then
            STATE=clean
        else
            STATE=edited
        fi
    fi
    info "current install: $STATE${OLD_VERSION:+ ($OLD_VERSION)}"
}

# tree_digest DIR OUT: one line '<sha256>  <relative path>' per file, sorted,
# the manifest itself excluded; anything that is not a regular file or folder
# gets 'not-a-file' instead of a hash.
tree_digest() {
    (cd "$1" && find . ! -type d ! -path "./$MANIFEST" -print) >"$WORK/tree.raw" || return 1
    LC_ALL=C sort "$WORK/tree.raw" >"$WORK/tree.sorted" || return 1
    : >"$2"
    while IFS= read -r TD_PATH; do
        TD_REL=${TD_PATH#./}
        if [ -f "$1/$TD_REL" ] && [ ! -L "$1/$TD_REL" ]; then
            TD_HASH=$(hash_file "$1/$TD_REL") || return 1
        else
            TD_HASH=not-a-file
        fi
        printf '%s  %s\n' "$TD_HASH" "$TD_REL" >>"$2"
    done <"$WORK/tree.sorted"
}

prepare_skills_dir() {
    NEW_SKILLS_DIR=0
    if [ ! -d "$SKILLS" ]; then
        if [ -e "$SKILLS" ] || [ -L "$SKILLS" ]; then
            die "$SKILLS exists and is not a folder"
        fi
        mkdir -p "$SKILLS" 2>"$WORK/mkdir.err" || die "cannot create the skills folder $SKILLS: $(cat "$WORK/mkdir.err")"
        NEW_SKILLS_DIR=1
    fi
    STAGE=$(mktemp -d "$SKILLS/.$NAME.stage.XXXXXX" 2>/dev/null) || {
        STAGE=''
        die "cannot write into $SKILLS (read-only or not yours?)"
    }
}

extract() {
    case $EXTRACTOR in
        unzip) unzip -qq -o "$WORK/bundle.zip" -d "$STAGE" >"$WORK/extract.err" 2>&1 </dev/null ;;
        bsdtar) "$BSDTAR" -xf "$WORK/bundle.zip" -C "$STAGE" --no-same-owner >"$WORK/extract.err" 2>&1 </dev/null ;;
        python3) python3 -m zipfile -e "$WORK/bundle.zip" "$STAGE" >"$WORK/extract.err" 2>&1 </dev/null ;;
    esac || die "extracting with $EXTRACTOR failed: $(head -n 3 "$WORK/extract.err" | tr '\n' ' ')"
    TOP=$(cd "$STAGE" && ls -A)
    [ "$TOP" = "$NAME" ] || die "archive did not extract to exactly one $NAME/ folder"
    [ -f "$STAGE/$NAME/SKILL.md" ] || die "archive has no $NAME/SKILL.md"
    ODD=$(find "$STAGE/$NAME" ! -type f ! -type d -print | head -n 1)
    [ -z "$ODD" ] || die "archive produced something that is not a file or folder: ${ODD#"$STAGE"/}"
    ODD=$(find "$STAGE/$NAME" -name '*[!A-Za-z0-9._+-]*' -print | head -n 1)
    [ -z "$ODD" ] || die "archive produced an unexpected file name: ${ODD#"$STAGE"/}"
    find "$STAGE/$NAME" -type d -exec chmod 755 {} + || die "cannot set permissions in $STAGE"
    find "$STAGE/$NAME" -type f -exec chmod 644 {} + || die "cannot set permissions in $STAGE"
    if [ -d "$STAGE/$NAME/scripts" ]; then
        find "$STAGE/$NAME/scripts" -type f -exec chmod 755 {} + || die "cannot set permissions in $STAGE"
    fi
    NEW_VERSION=$(sed -n 's/^  version: "\([0-9A-Za-z.+-]*\)"$/\1/p' "$STAGE/$NAME/SKILL.md" | head -n 1)
    [ -n "$NEW_VERSION" ] || die "archive's SKILL.md has no '  version: \"X.Y.Z\"' line"
    if [ "$OPT_VERSION" != latest ] && [ "$OPT_VERSION" != "$NEW_VERSION" ]; then
        die "asked for version $OPT_VERSION but the archive holds $NEW_VERSION"
    fi
}

write_manifest() {
    tree_digest "$STAGE/$NAME" "$WORK/newtree" || die "cannot hash the extracted files"
    {
        printf '# Written by the %s installer; used by --uninstall and to detect edits. Do not edit.\n' "$NAME"
        printf 'name: %s\n' "$NAME"
        printf 'version: %s\n' "$NEW_VERSION"
        printf 'archive-sha256: %s\n' "$EXPECTED"
        printf 'installed-by: install.sh\n'
        printf 'files:\n'
        cat "$WORK/newtree"
    } >"$STAGE/$NAME/$MANIFEST" || die "cannot write the manifest"
    chmod 644 "$STAGE/$NAME/$MANIFEST"
}

backup_root() {
    printf '%s/skill-backups' "${SKILLS%/*}"
}

# Move the previous install aside, move the new one in, put the old one back if that fails.
swap_in() {
    if [ "$STATE" != none ]; then
        OLD_ASIDE=$(mktemp -d "$SKILLS/.$NAME.old.XXXXXX" 2>/dev/null) || {
            OLD_ASIDE=''
            die "cannot write into $SKILLS"
        }
        mv "$TARGET" "$OLD_ASIDE/$NAME" 2>"$WORK/mv.err" || die "cannot move the previous install aside: $(cat "$WORK/mv.err")"
    fi
    if [ -e "$TARGET" ] || [ -L "$TARGET" ]; then
        die "$TARGET reappeared while installing (another installer running?)"
    fi
    CHANGED=1
    if ! mv "$STAGE/$NAME" "$TARGET" 2>"$WORK/mv.err"; then
        die "cannot move the new install into place: $(cat "$WORK/mv.err"); the previous install was restored"
    fi
}

# Dispose of the previous install that is now aside: delete it if it was
# unchanged, keep a backup if the user had edited it (or it had no manifest).
retire_old() {
    [ -n "$OLD_ASIDE" ] || return 0
    case $STATE in
        edited | unmarked)
            BACKUP_ROOT=$(backup_root)
            BACKUP=$BACKUP_ROOT/$NAME-$(date -u +%Y%m%dT%H%M%SZ)
            [ ! -e "$BACKUP" ] || BACKUP=$BACKUP-$$
            if mkdir -p "$BACKUP_ROOT" 2>/dev/null && mv "$OLD_ASIDE/$NAME" "$BACKUP" 2>/dev/null; then
                rmdir "$OLD_ASIDE" 2>/dev/null || :
                say "Your previous copy had local changes (or no install manifest); it is kept in $BACKUP"
            else
                say "Your previous copy had local changes (or no install manifest); it is kept in $OLD_ASIDE/$NAME"
            fi
            ;;
        *)
            rm -rf "$OLD_ASIDE" 2>/dev/null || warn "could not remove $OLD_ASIDE"
            ;;
    esac
    OLD_ASIDE=''
}

do_uninstall() {
    inspect_target
    case $STATE in
        none)
            say "$NAME is not installed in $SKILLS; nothing to do."
            return 0
            ;;
        symlink) die "$TARGET is a symlink (a developer checkout?); not removing it. Remove the link yourself if you mean it" ;;
        other) die "$TARGET is not a folder; not removing it" ;;
        unmarked) die "$TARGET has no install manifest from this installer; not removing it (remove it yourself if you mean it)" ;;
    esac
    OLD_ASIDE=$(mktemp -d "$SKILLS/.$NAME.old.XXXXXX" 2>/dev/null) || {
        OLD_ASIDE=''
        die "cannot write into $SKILLS"
    }
    mv "$TARGET" "$OLD_ASIDE/$NAME" 2>"$WORK/mv.err" || die "cannot remove $TARGET: $(cat "$WORK/mv.err")"
    CHANGED=1
    retire_old
    say "Removed $NAME${OLD_VERSION:+ $OLD_VERSION} from $TARGET."
    say "Next: restart Claude Code so it forgets the skill."
}

do_install() {
    pick_hasher
    pick_extractor
    if [ -z "$OPT_ARCHIVE" ]; then
        pick_downloader
    fi
    inspect_target
    case $STATE in
        symlink)
            [ "$OPT_FORCE" = 1 ] || die "$TARGET is a symlink (a developer checkout?); pass --force to replace the link (its target is not touched)"
            ;;
        other) die "$TARGET exists and is not a folder; move it away first" ;;
    esac
    obtain_archive
    verify_archive
    list_archive
    check_entries
    prepare_skills_dir
    extract
    write_manifest
    swap_in
    retire_old
    cleanup
    if [ -n "$OLD_VERSION" ] && [ "$OLD_VERSION" != "$NEW_VERSION" ]; then
        say "Replaced $NAME $OLD_VERSION with $NEW_VERSION."
    fi
    say "Installed $NAME $NEW_VERSION into $TARGET"
    if [ "$NEW_SKILLS_DIR" = 1 ]; then
        say "Next: restart Claude Code (the skills folder is new, it is only picked up at start), then check with /skills."
    else
        say "Next: start a new Claude Code session (or restart it) and check with /skills."
    fi
}

main() {
    set -eu
    umask 022
    CHANGED=0
    RESTORED=0
    NEW_SKILLS_DIR=0
    OLD_ASIDE=''
    STAGE=''
    WORK=''
    TARGET=''
    STATE=''
    HASHER=''
    BSDTAR=bsdtar
    read_env
    # ${1+"$@"}: posh and old shells call "$@" with no arguments unset under set -u.
    parse_args ${1+"$@"}
    if [ "$OPT_HELP" = 1 ]; then
        usage
        exit 0
    fi
    check_options
    resolve_dir
    trap 'on_signal 130' INT
    trap 'on_signal 143' TERM
    trap 'on_signal 129' HUP
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$NAME.XXXXXX" 2>/dev/null) || {
        WORK=''
        die "cannot create a temporary folder in ${TMPDIR:-/tmp} (set TMPDIR to a writable folder)"
    }
    if [ "$OPT_UNINSTALL" = 1 ]; then
        pick_hasher
        do_uninstall
    else
        do_install
    fi
    cleanup
}

main ${1+"$@"}

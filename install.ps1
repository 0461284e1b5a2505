# Installer for the python-concurrency-performance skill.
# Windows PowerShell 5.1 and PowerShell 7 (Windows, macOS, Linux).
#
#   irm https://github.com/<owner>/<repo>/releases/latest/download/install.ps1 | iex
#
# From cmd.exe:
#   powershell -NoProfile -ExecutionPolicy Bypass -c "irm <url>/install.ps1 | iex"
#
# `irm | iex` cannot pass arguments, so options are environment variables, the
# same names as install.sh uses (set them first, e.g.
# $env:PCP_INSTALL_VERSION = '1.2.3'):
#   PCP_INSTALL_VERSION    version to install (default: latest)
#   PCP_INSTALL_DIR        skills folder (default: $env:CLAUDE_CONFIG_DIR\skills,
#                          else $HOME\.claude\skills)
#   PCP_INSTALL_BASE_URL   https release location to download from
#   PCP_INSTALL_ARCHIVE    local zip to install from (offline); checksum from
#                          ZIP.sha256 beside it, or PCP_INSTALL_SHA256
#   PCP_INSTALL_SHA256     expected SHA-256 of the zip
#   PCP_INSTALL_FORCE      1: replace a target that is a symlink or junction
#   PCP_INSTALL_QUIET      1: print errors only
#   PCP_INSTALL_VERBOSE    1: say which steps run
#   PCP_INSTALL_UNINSTALL  1: remove the installed skill (only a folder that
#                          carries this installer's manifest)
#   PCP_INSTALL_HELP       1: print this help
#
# The SHA-256 is always verified before anything is extracted; there is no
# option to skip it. Every zip entry is checked before extraction. The new copy
# is staged next to the target and swapped in; on any failure the previous
# install is left as it was. A failure throws (it never calls exit, so an
# interactive window stays open). Nothing outside the skills folder is changed
# except backups of edited installs (next to the skills folder); no PATH,
# profile or registry edits.
#
# Everything is inside one function; the last line calls it, so a truncated
# download is a parse error and does nothing.

function Install-PythonConcurrencyPerformance {
    Set-StrictMode -Version 3.0
    $ErrorActionPreference = 'Stop'
    $ProgressPreference = 'SilentlyContinue'

    $Name = 'python-concurrency-performance'
    # The default download location (one source: tools/release_url.txt in the repository).
    $DefaultBaseUrl = 'https://github.com/python-concurrency-performance/python-concurrency-performance/releases'
    $ManifestName = 'install-manifest.txt'
    $Prog = 'install.ps1'
    $Utf8NoBom = New-Object System.Text.UTF8Encoding -ArgumentList $false

    $State = @{
        Changed = $false
        Restored = $false
        Work = ''
        Stage = ''
        OldAside = ''
        Target = ''
        Quiet = $false
        Verbose = $false
    }

    function Say([string]$Text) {
        if (-not $State.Quiet) { Write-Host $Text }
    }

    function Info([string]$Text) {
        if ($State.Verbose) { Write-Host ($Prog + ': ' + $Text) }
    }

    function Fail([string]$Text) {
        $message = $Prog + ': error: ' + $Text
        if ((-not $State.Changed) -or $State.Restored) {
            if ($State.Target) {
                $message = $message + [Environment]::NewLine + $Prog + ': nothing was changed in ' + $State.Target + '.'
            }
            else {
                $message = $message + [Environment]::NewLine + $Prog + ': nothing was changed.'
            }
        }
        throw $message
    }

    function Read-Bool([string]$VarName) {
        $value = [Environment]::GetEnvironmentVariable($VarName)
        if ($null -eq $value) { return $false }
        switch -Regex ($value) {
            '^(1|true|yes|on)$' {
                return $true
            }
            '^(|0|false|no|off)$' {
                return $false
            }
        }
        throw ($Prog + ': ' + $VarName + '=' + $value + ': expected 1 or 0')
    }

    function Read-Text([string]$VarName) {
        $value = [Environment]::GetEnvironmentVariable($VarName)
        if ($null -eq $value) { return '' }
        return $value
    }

    function Show-Help {
        Write-Host ('Install the ' + $Name + ' skill for Claude Code.')
        Write-Host ''
        Write-Host 'Usage (PowerShell):  irm <url>/install.ps1 | iex'
        Write-Host 'Usage (cmd.exe):     powershell -NoProfile -ExecutionPolicy Bypass -c "irm <url>/install.ps1 | iex"'
        Write-Host ''
        Write-Host 'Options are environment variables (install.sh takes the same as --options):'
        Write-Host '  PCP_INSTALL_VERSION=V      --version V      install version V instead of the latest'
        Write-Host '  PCP_INSTALL_DIR=DIR        --dir DIR        skills folder to install into'
        Write-Host '                             (default: $env:CLAUDE_CONFIG_DIR\skills, else $HOME\.claude\skills)'
        Write-Host '  PCP_INSTALL_BASE_URL=URL   --base-url URL   https release location to download from'
        Write-Host ('                             (default: ' + $DefaultBaseUrl + ')')
        Write-Host '  PCP_INSTALL_ARCHIVE=ZIP    --archive ZIP    install from a local zip (offline)'
        Write-Host '  PCP_INSTALL_SHA256=HEX     --sha256 HEX     expected SHA-256 of the zip'
        Write-Host '  PCP_INSTALL_FORCE=1        --force          replace a target that is a symlink or junction'
        Write-Host '  PCP_INSTALL_QUIET=1        --quiet          print errors only'
        Write-Host '  PCP_INSTALL_VERBOSE=1      --verbose        say which steps run'
        Write-Host '  PCP_INSTALL_UNINSTALL=1    --uninstall      remove the installed skill'
        Write-Host '  PCP_INSTALL_HELP=1         --help           show this help'
        Write-Host ''
        Write-Host 'The checksum is always verified; there is no option to skip it.'
    }

    function ConvertTo-Hex64([string]$Text) {
        if ($Text -cmatch '^[0-9A-Fa-f]{64}$') { return $Text.ToLowerInvariant() }
        return $null
    }

    function Get-Sha256([string]$Path) {
        return (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant()
    }

    function Test-Link([string]$Path) {
        $item = Get-Item -LiteralPath $Path -Force
        return [bool]($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint)
    }

    function Test-Exists([string]$Path) {
        return (Test-Path -LiteralPath $Path)
    }

    function Remove-Tree([string]$Path) {
        if (-not $Path) { return }
        if (-not (Test-Path -LiteralPath $Path)) { return }
        if (Test-Link $Path) {
            # a junction or symlink: remove the link only, never what it points to
            if ((Get-Item -LiteralPath $Path -Force).PSIsContainer) {
                [System.IO.Directory]::Delete($Path, $false)
            }
            else {
                [System.IO.File]::Delete($Path)
            }
            return
        }
        Remove-Item -LiteralPath $Path -Recurse -Force
    }

    function Invoke-Cleanup {
        if ($State.OldAside -and $State.Target) {
            $aside = [System.IO.Path]::Combine($State.OldAside, $Name)
            if ((-not (Test-Exists $State.Target)) -and (Test-Exists $aside)) {
                try {
                    [System.IO.Directory]::Move($aside, $State.Target)
                    $State.Restored = $true
                }
                catch {
                    Write-Host ($Prog + ': could not restore the previous install; it is in ' + $aside)
                }
            }
            if (-not (Test-Exists $aside)) {
                try { Remove-Tree $State.OldAside } catch { $null = $_ }
            }
            $State.OldAside = ''
        }
        foreach ($key in @('Stage', 'Work')) {
            if ($State[$key]) {
                try { Remove-Tree $State[$key] } catch { $null = $_ }
                $State[$key] = ''
            }
        }
    }

    function Enable-Tls12 {
        if ($PSVersionTable.PSVersion.Major -ge 6) { return }
        try {
            $tls12 = [System.Net.SecurityProtocolType]::Tls12
            [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.ServicePointManager]::SecurityProtocol -bor $tls12
        }
        catch {
            Fail 'cannot enable TLS 1.2 (.NET Framework 4.5 or newer is needed)'
        }
    }

    function Get-FinalUri($Response) {
        $base = $Response.BaseResponse
        if ($null -eq $base) { return $null }
        if ($base.PSObject.Properties['ResponseUri']) { return $base.ResponseUri }
        if ($base.PSObject.Properties['RequestMessage']) { return $base.RequestMessage.RequestUri }
        return $null
    }

    function Get-Download([string]$Url, [string]$OutFile) {
        if (-not $Url.StartsWith('https://', [System.StringComparison]::OrdinalIgnoreCase)) {
            Fail ('refusing a non-https URL: ' + $Url)
        }
        Info ('downloading ' + $Url)
        $params = @{
            Uri = $Url
            OutFile = $OutFile
            UseBasicParsing = $true
            PassThru = $true
            TimeoutSec = 600
        }
        $proxy = Read-Text 'HTTPS_PROXY'
        if (-not $proxy) { $proxy = Read-Text 'https_proxy' }
        if ($proxy) {
            $params['Proxy'] = $proxy
            $params['ProxyUseDefaultCredentials'] = $true
        }
        $lastError = ''
        for ($attempt = 1; $attempt -le 3; $attempt++) {
            try {
                $response = Invoke-WebRequest @params
                $final = Get-FinalUri $response
                if ($null -ne $final -and $final.Scheme -ne 'https') {
                    Fail ('download was redirected to a non-https URL: ' + $final)
                }
                return
            }
            catch {
                $lastError = $_.Exception.Message
                if ($lastError.StartsWith($Prog + ': ')) { throw }
                $status = $null
                $resp = $_.Exception.PSObject.Properties['Response']
                if ($resp -and $resp.Value) {
                    try { $status = [int]$resp.Value.StatusCode } catch { $status = $null }
                }
                if ($null -ne $status -and $status -ge 400 -and $status -lt 500 -and $status -ne 408 -and $status -ne 429) {
                    break
                }
                if ($attempt -lt 3) { Start-Sleep -Seconds ($attempt * 2) }
            }
        }
        Fail ('download failed: ' + $Url + ': ' + $lastError)
    }

    function Read-ChecksumFile([string]$Path, [string]$Label) {
        if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { Fail ('checksum file is missing: ' + $Label) }
        $raw = [System.IO.File]::ReadAllText($Path)
        $lines = @($raw -split "`r?`n" | Where-Object { $_ -ne '' })
        if ($lines.Count -ne 1) {
            Fail ("malformed checksum file (expected one line '<64 hex digits>  <file>'): " + $Label)
        }
        if ($lines[0] -cnotmatch '^([0-9A-Za-z]+)([ \t]+\*?[A-Za-z0-9._+-]+)?[ \t]*$') {
            Fail ('malformed checksum file (unexpected characters): ' + $Label)
        }
        $hex = ConvertTo-Hex64 $Matches[1]
        if ($null -eq $hex) { Fail ('malformed checksum file (no 64-digit SHA-256 first): ' + $Label) }
        return $hex
    }

    # The reason an entry name is refused, or '' when it is fine.
    function Test-EntryName([string]$Entry) {
        if ($Entry -eq '') { return 'archive has an entry with an empty name' }
        if ($Entry.StartsWith('/') -or $Entry -match '^[A-Za-z]:') { return ('archive entry has an absolute path: ' + $Entry) }
        if ($Entry.Contains('\')) { return ('archive entry has a backslash: ' + $Entry) }
        $path = $Entry.TrimEnd('/')
        $segments = $path.Split('/')
        foreach ($segment in $segments) {
            if ($segment -eq '..') { return ("archive entry has a '..' segment: " + $Entry) }
        }
        foreach ($segment in $segments) {
            if ($segment -eq '' -or $segment -eq '.') { return ("archive entry has an empty or '.' segment: " + $Entry) }
            if ($segment.StartsWith('.')) { return ('archive entry has a hidden (dot) name: ' + $Entry) }
        }
        if ($path -cnotmatch '^[A-Za-z0-9._+/-]+$') { return ('archive entry has an unexpected character: ' + $Entry) }
        if ($path -cne $Name -and -not $path.StartsWith($Name + '/', [System.StringComparison]::Ordinal)) {
            return ('archive entry is outside the ' + $Name + '/ folder: ' + $Entry)
        }
        return ''
    }

    function Test-Archive([string]$ZipPath, [string]$Source) {
        try {
            $zip = [System.IO.Compression.ZipFile]::OpenRead($ZipPath)
        }
        catch {
            Fail ('not a readable zip archive: ' + $Source)
        }
        try {
            if ($zip.Entries.Count -eq 0) { Fail ('archive is empty: ' + $Source) }
            $seen = New-Object 'System.Collections.Generic.HashSet[string]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
            $hasSkill = $false
            foreach ($entry in $zip.Entries) {
                $entryName = $entry.FullName
                if ($entry.PSObject.Properties['ExternalAttributes']) {
                    $unixMode = ($entry.ExternalAttributes -shr 16) -band 0xF000
                    if ($unixMode -eq 0xA000) { Fail ('archive contains a symlink entry; refusing it: ' + $entryName) }
                }
                $reason = Test-EntryName $entryName
                if ($reason) { Fail $reason }
                if (-not $seen.Add($entryName.TrimEnd('/'))) { Fail ('archive has a duplicate entry: ' + $entryName) }
                if ($entryName -ceq ($Name + '/SKILL.md')) { $hasSkill = $true }
            }
            if (-not $hasSkill) { Fail ('archive has no ' + $Name + '/SKILL.md: not a release of this skill') }
        }
        finally {
            $zip.Dispose()
        }
    }

    function Expand-Checked([string]$ZipPath, [string]$Stage) {
        $stageFull = [System.IO.Path]::GetFullPath($Stage).TrimEnd('\', '/') + [System.IO.Path]::DirectorySeparatorChar
        $zip = [System.IO.Compression.ZipFile]::OpenRead($ZipPath)
        try {
            foreach ($entry in $zip.Entries) {
                $relative = $entry.FullName.Replace('/', [string][System.IO.Path]::DirectorySeparatorChar)
                $dest = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($stageFull, $relative))
                if (-not $dest.StartsWith($stageFull, [System.StringComparison]::OrdinalIgnoreCase)) {
                    Fail ('archive entry would land outside the staging folder: ' + $entry.FullName)
                }
                if ($entry.FullName.EndsWith('/')) {
                    $null = [System.IO.Directory]::CreateDirectory($dest)
                }
                else {
                    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($dest))
                    [System.IO.Compression.ZipFileExtensions]::ExtractToFile($entry, $dest, $false)
                }
            }
        }
        finally {
            $zip.Dispose()
        }
    }

    # Relative paths ('/'-separated, ordinal order) of everything under Root
    # except the manifest; reparse points are listed, never followed.
    function Get-TreeEntries([string]$Root) {
        $byName = New-Object 'System.Collections.Generic.Dictionary[string,string[]]' -ArgumentList ([System.StringComparer]::Ordinal)
        $pending = New-Object 'System.Collections.Generic.Stack[string]'
        $pending.Push($Root)
        $rootLength = [System.IO.Path]::GetFullPath($Root).TrimEnd('\', '/').Length + 1
        while ($pending.Count -gt 0) {
            $dir = $pending.Pop()
            foreach ($path in [System.IO.Directory]::GetFileSystemEntries($dir)) {
                $full = [System.IO.Path]::GetFullPath($path)
                $relative = $full.Substring($rootLength).Replace('\', '/')
                $attributes = [System.IO.File]::GetAttributes($full)
                $isLink = [bool]($attributes -band [System.IO.FileAttributes]::ReparsePoint)
                $isDir = [bool]($attributes -band [System.IO.FileAttributes]::Directory)
                if ($isDir -and -not $isLink) {
                    $pending.Push($full)
                }
                elseif ($relative -cne $ManifestName) {
                    if ($isLink) { $kind = 'link' } else { $kind = 'file' }
                    $byName[$relative] = [string[]]@($relative, $kind, $full)
                }
            }
        }
        $names = New-Object 'System.Collections.Generic.List[string]'
        foreach ($key in $byName.Keys) { $names.Add($key) }
        $names.Sort([System.StringComparer]::Ordinal)
        $ordered = New-Object 'System.Collections.Generic.List[string[]]'
        foreach ($key in $names) { $ordered.Add($byName[$key]) }
        return ,$ordered
    }

    # One line '<sha256>  <relative path>' per file, as install.sh writes them.
    function Get-TreeDigest([string]$Root) {
        $builder = New-Object System.Text.StringBuilder
        foreach ($item in (Get-TreeEntries $Root)) {
            if ($item[1] -eq 'file') { $hash = Get-Sha256 $item[2] } else { $hash = 'not-a-file' }
            $null = $builder.Append($hash + '  ' + $item[0] + "`n")
        }
        return $builder.ToString()
    }

    function Get-InstallState([string]$Target) {
        $info = @{ State = 'none'; Version = '' }
        if (-not (Test-Exists $Target)) { return $info }
        if (Test-Link $Target) {
            $info.State = 'symlink'
            return $info
        }
        if (-not (Test-Path -LiteralPath $Target -PathType Container)) {
            $info.State = 'other'
            return $info
        }
        $manifest = [System.IO.Path]::Combine($Target, $ManifestName)
        if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) {
            $info.State = 'unmarked'
            return $info
        }
        $text = [System.IO.File]::ReadAllText($manifest).Replace("`r`n", "`n")
        if ($text -cnotmatch ('(?m)^name: ' + [regex]::Escape($Name) + '$')) {
            $info.State = 'unmarked'
            return $info
        }
        if ($text -cmatch '(?m)^version: ([0-9A-Za-z.+-]+)$') { $info.Version = $Matches[1] }
        $marker = "`nfiles:`n"
        $at = $text.IndexOf($marker, [System.StringComparison]::Ordinal)
        $recorded = ''
        if ($at -ge 0) { $recorded = $text.Substring($at + $marker.Length) }
        if ((Get-TreeDigest $Target) -ceq $recorded) { $info.State = 'clean' } else { $info.State = 'edited' }
        return $info
    }

    function New-TempFolder([string]$Parent, [string]$Prefix) {
        for ($i = 0; $i -lt 5; $i++) {
            $path = [System.IO.Path]::Combine($Parent, $Prefix + [System.IO.Path]::GetRandomFileName().Replace('.', ''))
            if (-not (Test-Exists $path)) {
                $null = [System.IO.Directory]::CreateDirectory($path)
                return $path
            }
        }
        throw ('cannot create a temporary folder in ' + $Parent)
    }

    function Move-Aside([string]$Skills, [string]$Target) {
        try {
            $State.OldAside = New-TempFolder $Skills ('.pcp-old-')
        }
        catch {
            $State.OldAside = ''
            Fail ('cannot write into ' + $Skills + ' (read-only or not yours?)')
        }
        try {
            [System.IO.Directory]::Move($Target, [System.IO.Path]::Combine($State.OldAside, $Name))
        }
        catch {
            Fail ('cannot move the previous install aside (a file in it is open in another program, or antivirus is scanning it?): ' + $_.Exception.Message)
        }
    }

    # Delete the previous install that is now aside, or keep it as a backup
    # when it had local edits or no manifest.
    function Complete-Retire([string]$Skills, [string]$InstallState) {
        if (-not $State.OldAside) { return }
        $aside = [System.IO.Path]::Combine($State.OldAside, $Name)
        if ($InstallState -eq 'edited' -or $InstallState -eq 'unmarked') {
            $backupRoot = [System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName($Skills), 'skill-backups')
            $backup = [System.IO.Path]::Combine($backupRoot, $Name + '-' + [DateTime]::UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'"))
            if (Test-Exists $backup) { $backup = $backup + '-' + $PID }
            try {
                $null = [System.IO.Directory]::CreateDirectory($backupRoot)
                [System.IO.Directory]::Move($aside, $backup)
                Remove-Tree $State.OldAside
                Say ('Your previous copy had local changes (or no install manifest); it is kept in ' + $backup)
            }
            catch {
                Say ('Your previous copy had local changes (or no install manifest); it is kept in ' + $aside)
            }
        }
        else {
            try { Remove-Tree $State.OldAside } catch { Write-Host ($Prog + ': warning: could not remove ' + $State.OldAside) }
        }
        $State.OldAside = ''
    }

    function Invoke-Uninstall([string]$Skills, [string]$Target) {
        $info = Get-InstallState $Target
        switch ($info.State) {
            'none' {
                Say ($Name + ' is not installed in ' + $Skills + '; nothing to do.')
                return
            }
            'symlink' {
                Fail ($Target + ' is a symlink or junction (a developer checkout?); not removing it. Remove the link yourself if you mean it')
            }
            'other' {
                Fail ($Target + ' is not a folder; not removing it')
            }
            'unmarked' {
                Fail ($Target + ' has no install manifest from this installer; not removing it (remove it yourself if you mean it)')
            }
        }
        Move-Aside $Skills $Target
        $State.Changed = $true
        Complete-Retire $Skills $info.State
        $suffix = ''
        if ($info.Version) { $suffix = ' ' + $info.Version }
        Say ('Removed ' + $Name + $suffix + ' from ' + $Target + '.')
        Say 'Next: restart Claude Code so it forgets the skill.'
    }

    function Invoke-Install($Options, [string]$Skills, [string]$Target) {
        Add-Type -AssemblyName 'System.IO.Compression'
        Add-Type -AssemblyName 'System.IO.Compression.FileSystem'
        $info = Get-InstallState $Target
        Info ('current install: ' + $info.State)
        if ($info.State -eq 'symlink' -and -not $Options.Force) {
            Fail ($Target + ' is a symlink or junction (a developer checkout?); set PCP_INSTALL_FORCE=1 to replace the link (its target is not touched)')
        }
        if ($info.State -eq 'other') { Fail ($Target + ' exists and is not a folder; move it away first') }

        $zipPath = [System.IO.Path]::Combine($State.Work, 'bundle.zip')
        if ($Options.Archive) {
            if (-not (Test-Path -LiteralPath $Options.Archive -PathType Leaf)) { Fail ('PCP_INSTALL_ARCHIVE ' + $Options.Archive + ': no such file') }
            if ($Options.Sha256) {
                $expected = $Options.Sha256
            }
            elseif (Test-Path -LiteralPath ($Options.Archive + '.sha256') -PathType Leaf) {
                $expected = Read-ChecksumFile ($Options.Archive + '.sha256') ($Options.Archive + '.sha256')
            }
            else {
                Fail ('no checksum for ' + $Options.Archive + ': put ' + $Options.Archive + '.sha256 beside it or set PCP_INSTALL_SHA256')
            }
            Copy-Item -LiteralPath $Options.Archive -Destination $zipPath
            $source = $Options.Archive
        }
        else {
            Enable-Tls12
            if ($Options.Version -eq 'latest') {
                $url = $Options.BaseUrl + '/latest/download/' + $Name + '.zip'
            }
            else {
                $url = $Options.BaseUrl + '/download/v' + $Options.Version + '/' + $Name + '.zip'
            }
            if ($Options.Sha256) {
                $expected = $Options.Sha256
            }
            else {
                $sumPath = [System.IO.Path]::Combine($State.Work, 'bundle.zip.sha256')
                Get-Download ($url + '.sha256') $sumPath
                $expected = Read-ChecksumFile $sumPath ($url + '.sha256')
            }
            Get-Download $url $zipPath
            $source = $url
        }
        if (-not (Test-Path -LiteralPath $zipPath -PathType Leaf)) {
            Fail ('the downloaded file disappeared (antivirus quarantine?): ' + $zipPath)
        }
        $actual = Get-Sha256 $zipPath
        if ($actual -ne $expected) {
            Fail ('checksum mismatch for ' + $source + ': expected ' + $expected + ', got ' + $actual + ' (corrupted or tampered download)')
        }
        Info ('sha256 ok: ' + $actual)
        Test-Archive $zipPath $source

        $newSkillsDir = $false
        if (-not (Test-Path -LiteralPath $Skills -PathType Container)) {
            if (Test-Exists $Skills) { Fail ($Skills + ' exists and is not a folder') }
            try { $null = [System.IO.Directory]::CreateDirectory($Skills) } catch { Fail ('cannot create the skills folder ' + $Skills + ': ' + $_.Exception.Message) }
            $newSkillsDir = $true
        }
        try {
            $State.Stage = New-TempFolder $Skills '.pcp-stage-'
        }
        catch {
            $State.Stage = ''
            Fail ('cannot write into ' + $Skills + ' (read-only or not yours?)')
        }
        Expand-Checked $zipPath $State.Stage
        $staged = [System.IO.Path]::Combine($State.Stage, $Name)
        $skillMd = [System.IO.Path]::Combine($staged, 'SKILL.md')
        if (-not (Test-Path -LiteralPath $skillMd -PathType Leaf)) {
            Fail ('archive has no ' + $Name + '/SKILL.md (or antivirus removed files while extracting)')
        }
        $skillText = [System.IO.File]::ReadAllText($skillMd)
        if ($skillText -cnotmatch '(?m)^  version: "([0-9A-Za-z.+-]+)"\r?$') {
            Fail "archive's SKILL.md has no '  version: `"X.Y.Z`"' line"
        }
        $newVersion = $Matches[1]
        if ($Options.Version -ne 'latest' -and $Options.Version -ne $newVersion) {
            Fail ('asked for version ' + $Options.Version + ' but the archive holds ' + $newVersion)
        }
        $manifest = New-Object System.Text.StringBuilder
        $null = $manifest.Append('# Written by the ' + $Name + " installer; used by --uninstall and to detect edits. Do not edit.`n")
        $null = $manifest.Append('name: ' + $Name + "`n")
        $null = $manifest.Append('version: ' + $newVersion + "`n")
        $null = $manifest.Append('archive-sha256: ' + $expected + "`n")
        $null = $manifest.Append("installed-by: install.ps1`n")
        $null = $manifest.Append("files:`n")
        $null = $manifest.Append((Get-TreeDigest $staged))
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($staged, $ManifestName), $manifest.ToString(), $Utf8NoBom)

        if ($info.State -ne 'none') { Move-Aside $Skills $Target }
        if (Test-Exists $Target) { Fail ($Target + ' reappeared while installing (another installer running?)') }
        $State.Changed = $true
        try {
            [System.IO.Directory]::Move($staged, $Target)
        }
        catch {
            Fail ('cannot move the new install into place: ' + $_.Exception.Message + '; the previous install was restored')
        }
        Complete-Retire $Skills $info.State
        if ($info.Version -and $info.Version -ne $newVersion) {
            Say ('Replaced ' + $Name + ' ' + $info.Version + ' with ' + $newVersion + '.')
        }
        Say ('Installed ' + $Name + ' ' + $newVersion + ' into ' + $Target)
        if ($newSkillsDir) {
            Say 'Next: restart Claude Code (the skills folder is new, it is only picked up at start), then check with /skills.'
        }
        else {
            Say 'Next: start a new Claude Code session (or restart it) and check with /skills.'
        }
    }

    # ---- options
    if (Read-Bool 'PCP_INSTALL_HELP') {
        Show-Help
        return
    }
    $options = @{
        Version = Read-Text 'PCP_INSTALL_VERSION'
        Dir = Read-Text 'PCP_INSTALL_DIR'
        BaseUrl = Read-Text 'PCP_INSTALL_BASE_URL'
        Archive = Read-Text 'PCP_INSTALL_ARCHIVE'
        Sha256 = Read-Text 'PCP_INSTALL_SHA256'
        Force = Read-Bool 'PCP_INSTALL_FORCE'
        Quiet = Read-Bool 'PCP_INSTALL_QUIET'
        Verbose = Read-Bool 'PCP_INSTALL_VERBOSE'
        Uninstall = Read-Bool 'PCP_INSTALL_UNINSTALL'
    }
    if ($options.Quiet -and $options.Verbose) { throw ($Prog + ': PCP_INSTALL_QUIET and PCP_INSTALL_VERBOSE exclude each other') }
    $State.Quiet = $options.Quiet
    $State.Verbose = $options.Verbose
    if ($options.Version -eq '' -or $options.Version -eq 'latest') {
        $options.Version = 'latest'
    }
    elseif ($options.Version -cmatch '^v?([0-9][0-9A-Za-z.+-]*)$') {
        $options.Version = $Matches[1]
    }
    else {
        throw ($Prog + ': PCP_INSTALL_VERSION=' + $options.Version + ': expected a version such as 1.2.3 (or latest)')
    }
    if ($options.Archive -and $options.BaseUrl) { throw ($Prog + ': PCP_INSTALL_ARCHIVE and PCP_INSTALL_BASE_URL exclude each other') }
    if (-not $options.BaseUrl) { $options.BaseUrl = $DefaultBaseUrl }
    if (-not $options.BaseUrl.StartsWith('https://', [System.StringComparison]::Ordinal)) {
        throw ($Prog + ': PCP_INSTALL_BASE_URL=' + $options.BaseUrl + ': only https:// URLs are allowed')
    }
    if ($options.BaseUrl -cnotmatch '^[A-Za-z0-9._~:/?#@%+=,-]+$') {
        throw ($Prog + ': PCP_INSTALL_BASE_URL: unexpected character in ' + $options.BaseUrl)
    }
    $options.BaseUrl = $options.BaseUrl.TrimEnd('/')
    if ($options.Sha256) {
        $hex = ConvertTo-Hex64 $options.Sha256
        if ($null -eq $hex) { throw ($Prog + ': PCP_INSTALL_SHA256: expected 64 hexadecimal digits') }
        $options.Sha256 = $hex
    }

    # ---- where
    if ($options.Dir) {
        $skills = $options.Dir
    }
    elseif (Read-Text 'CLAUDE_CONFIG_DIR') {
        $skills = [System.IO.Path]::Combine((Read-Text 'CLAUDE_CONFIG_DIR'), 'skills')
    }
    else {
        $homeDir = Read-Text 'USERPROFILE'
        if (-not $homeDir) { $homeDir = Read-Text 'HOME' }
        if (-not $homeDir) { throw ($Prog + ': neither USERPROFILE nor HOME is set: set PCP_INSTALL_DIR (or CLAUDE_CONFIG_DIR)') }
        $skills = [System.IO.Path]::Combine([System.IO.Path]::Combine($homeDir, '.claude'), 'skills')
    }
    $skills = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine((Get-Location -PSProvider FileSystem).ProviderPath, $skills)).TrimEnd('\', '/')
    $target = [System.IO.Path]::Combine($skills, $Name)
    $State.Target = $target

    try {
        $State.Work = New-TempFolder ([System.IO.Path]::GetTempPath()) 'pcp-install-'
        if ($options.Uninstall) {
            Invoke-Uninstall $skills $target
        }
        else {
            Invoke-Install $options $skills $target
        }
    }
    catch {
        $failure = $_
        Invoke-Cleanup
        $text = $failure.Exception.Message
        if (-not $text.StartsWith($Prog + ': ')) {
            $text = $Prog + ': error: ' + $text
            if ((-not $State.Changed) -or $State.Restored) { $text = $text + [Environment]::NewLine + $Prog + ': nothing was changed in ' + $target + '.' }
        }
        elseif ($State.Restored -and -not $text.Contains('nothing was changed')) {
            $text = $text + [Environment]::NewLine + $Prog + ': nothing was changed in ' + $target + '.'
        }
        throw $text
    }
    finally {
        Invoke-Cleanup
    }
}

Install-PythonConcurrencyPerformance

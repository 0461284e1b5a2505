# Behavioural tests of install.ps1, run by .github/workflows/installers.yml on
# windows-latest under both Windows PowerShell 5.1 (powershell) and PowerShell 7
# (pwsh). Offline: installs from fixture zips (PCP_INSTALL_ARCHIVE) made by
#   python tests/installers/make_fixtures.py OUT
# The installer text is run with Invoke-Expression in this session, exactly as
# `irm | iex` does, so every refusal also proves that a failure throws instead
# of closing the session.
#
#   powershell -NoProfile -ExecutionPolicy Bypass -File tests/installers/windows-test.ps1 -Fixtures OUT

param(
    [Parameter(Mandatory = $true)]
    [string]$Fixtures
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Name = 'python-concurrency-performance'
$InstallerText = [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot '..\..\install.ps1'))
$Options = @('VERSION', 'DIR', 'BASE_URL', 'ARCHIVE', 'SHA256', 'FORCE', 'QUIET', 'VERBOSE', 'UNINSTALL', 'HELP')
$script:Failures = 0
$Root = Join-Path ([System.IO.Path]::GetTempPath()) ('pcp-wintest-' + [System.IO.Path]::GetRandomFileName())
$null = New-Item -ItemType Directory -Path $Root

function Clear-Options {
    foreach ($o in $Options) {
        [Environment]::SetEnvironmentVariable('PCP_INSTALL_' + $o, $null, 'Process')
    }
}

# Run the installer as irm | iex does; return '' on success, else the error text.
function Invoke-Installer([hashtable]$Vars) {
    Clear-Options
    foreach ($k in $Vars.Keys) {
        [Environment]::SetEnvironmentVariable($k, [string]$Vars[$k], 'Process')
    }
    try {
        $null = Invoke-Expression $InstallerText
        return ''
    }
    catch {
        return $_.Exception.Message
    }
    finally {
        Clear-Options
    }
}

function Get-Snapshot([string]$Dir) {
    if (-not (Test-Path -LiteralPath $Dir)) { return '<none>' }
    $lines = foreach ($item in (Get-ChildItem -LiteralPath $Dir -Recurse -Force | Sort-Object -Property FullName)) {
        if ($item.PSIsContainer) { $item.FullName + '|dir' }
        else { $item.FullName + '|' + (Get-FileHash -LiteralPath $item.FullName -Algorithm SHA256).Hash }
    }
    return ($lines -join "`n")
}

function Check([bool]$Condition, [string]$What) {
    if ($Condition) {
        Write-Host ('ok   ' + $What)
    }
    else {
        Write-Host ('FAIL ' + $What)
        $script:Failures++
    }
}

function Get-InstalledVersion([string]$Skills) {
    $text = [System.IO.File]::ReadAllText((Join-Path (Join-Path $Skills $Name) 'SKILL.md'))
    if ($text -match '(?m)^  version: "([^"]+)"') { return $Matches[1] }
    return ''
}

function Test-NoLeftovers([string]$Skills) {
    $odd = @(Get-ChildItem -LiteralPath $Skills -Force | Where-Object { $_.Name.StartsWith('.') })
    return ($odd.Count -eq 0)
}

function Zip([string]$File) {
    return (Join-Path $Fixtures $File)
}

$case = 0
function New-Skills {
    $script:case++
    $dir = Join-Path $Root ('case' + $script:case)
    return (Join-Path (Join-Path $dir '.claude') 'skills')
}

# fresh install, files and manifest
$skills = New-Skills
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_ARCHIVE = (Zip 'good-1.0.0.zip') }
Check ($err -eq '') ('fresh install: ' + $err)
Check ((Get-InstalledVersion $skills) -eq '1.0.0') 'fresh install: version 1.0.0'
$manifest = [System.IO.File]::ReadAllText((Join-Path (Join-Path $skills $Name) 'install-manifest.txt'))
Check ($manifest.Contains("name: $Name`n") -and $manifest.Contains("  scripts/tool.py`n")) 'manifest lists files with / separators'
Check (-not $manifest.Contains("`r")) 'manifest has LF line endings'
Check (Test-NoLeftovers $skills) 'fresh install: no staging leftovers'

# re-install is identical
$before = Get-Snapshot $skills
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_ARCHIVE = (Zip 'good-1.0.0.zip') }
Check ($err -eq '' -and (Get-Snapshot $skills) -eq $before) ('re-install identical: ' + $err)

# upgrade and downgrade
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_ARCHIVE = (Zip 'good-1.1.0.zip') }
Check ($err -eq '' -and (Get-InstalledVersion $skills) -eq '1.1.0') ('upgrade: ' + $err)
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_ARCHIVE = (Zip 'good-1.0.0.zip'); PCP_INSTALL_VERSION = '1.0.0' }
Check ($err -eq '' -and (Get-InstalledVersion $skills) -eq '1.0.0') ('downgrade: ' + $err)
Check (-not (Test-Path -LiteralPath (Join-Path (Split-Path -Parent $skills) 'skill-backups'))) 'clean installs leave no backup'

# refusals leave the previous install byte-identical
$before = Get-Snapshot $skills
$refusals = @(
    @{ What = 'tampered zip'; Vars = @{ PCP_INSTALL_ARCHIVE = (Zip 'tampered.zip') }; Reason = 'checksum mismatch' },
    @{ What = 'missing checksum'; Vars = @{ PCP_INSTALL_ARCHIVE = (Zip 'nosum.zip') }; Reason = 'no checksum for' },
    @{ What = 'wrong --sha256'; Vars = @{ PCP_INSTALL_ARCHIVE = (Zip 'nosum.zip'); PCP_INSTALL_SHA256 = ('0' * 64) }; Reason = 'checksum mismatch' },
    @{ What = 'malformed --sha256'; Vars = @{ PCP_INSTALL_ARCHIVE = (Zip 'nosum.zip'); PCP_INSTALL_SHA256 = 'abc' }; Reason = '64 hexadecimal' },
    @{ What = 'version mismatch'; Vars = @{ PCP_INSTALL_ARCHIVE = (Zip 'good-1.1.0.zip'); PCP_INSTALL_VERSION = '1.0.0' }; Reason = 'archive holds 1.1.0' },
    @{ What = 'plain http'; Vars = @{ PCP_INSTALL_BASE_URL = 'http://127.0.0.1:9/rel' }; Reason = 'only https://' },
    @{ What = 'bad boolean'; Vars = @{ PCP_INSTALL_FORCE = 'maybe' }; Reason = 'PCP_INSTALL_FORCE' }
)
foreach ($line in [System.IO.File]::ReadAllLines((Zip 'hostile-cases.txt'))) {
    $parts = $line.Split(' ', 2)
    $refusals += @{ What = ('hostile zip ' + $parts[0]); Vars = @{ PCP_INSTALL_ARCHIVE = (Zip ('hostile-' + $parts[0] + '.zip')) }; Reason = $parts[1] }
}
foreach ($r in $refusals) {
    $vars = $r.Vars.Clone()
    $vars['PCP_INSTALL_DIR'] = $skills
    $err = Invoke-Installer $vars
    Check ($err.Contains($r.Reason)) ($r.What + ': refused with "' + $r.Reason + '": ' + $err)
    Check ((Get-Snapshot $skills) -eq $before) ($r.What + ': previous install byte-identical')
    Check (Test-NoLeftovers $skills) ($r.What + ': no leftovers')
}
Check (-not (Test-Path -LiteralPath (Join-Path $Root 'escaped.txt'))) 'nothing escaped the staging folder'

# an edited install is backed up, not discarded
Set-Content -LiteralPath (Join-Path (Join-Path (Join-Path $skills $Name) 'references') 'guide.md') -Value 'my notes'
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_ARCHIVE = (Zip 'good-1.0.0.zip') }
$backups = @(Get-ChildItem -LiteralPath (Join-Path (Split-Path -Parent $skills) 'skill-backups'))
Check ($err -eq '' -and $backups.Count -eq 1) ('edited install backed up: ' + $err)

# uninstall: only ours, idempotent, refuses an unmarked folder
$sibling = Join-Path $skills 'other-skill'
$null = New-Item -ItemType Directory -Path $sibling
Set-Content -LiteralPath (Join-Path $sibling 'SKILL.md') -Value 'other'
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_UNINSTALL = '1' }
Check ($err -eq '' -and -not (Test-Path -LiteralPath (Join-Path $skills $Name))) ('uninstall: ' + $err)
Check (Test-Path -LiteralPath (Join-Path $sibling 'SKILL.md')) 'uninstall leaves a sibling skill'
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_UNINSTALL = '1' }
Check ($err -eq '') ('uninstall twice: ' + $err)
$hand = Join-Path $skills $Name
$null = New-Item -ItemType Directory -Path $hand
Set-Content -LiteralPath (Join-Path $hand 'SKILL.md') -Value 'hand-placed'
$err = Invoke-Installer @{ PCP_INSTALL_DIR = $skills; PCP_INSTALL_UNINSTALL = '1' }
Check ($err.Contains('no install manifest') -and (Test-Path -LiteralPath (Join-Path $hand 'SKILL.md'))) ('uninstall refuses an unmarked folder: ' + $err)

# default location: USERPROFILE\.claude\skills (CLAUDE_CONFIG_DIR unset), and CLAUDE_CONFIG_DIR
$savedProfile = $env:USERPROFILE
$savedConfig = $env:CLAUDE_CONFIG_DIR
try {
    $env:USERPROFILE = Join-Path $Root 'profile'
    $env:CLAUDE_CONFIG_DIR = $null
    $err = Invoke-Installer @{ PCP_INSTALL_ARCHIVE = (Zip 'good-1.1.0.zip') }
    Check ($err -eq '' -and (Get-InstalledVersion (Join-Path $env:USERPROFILE '.claude\skills')) -eq '1.1.0') ('default USERPROFILE location: ' + $err)
    $env:CLAUDE_CONFIG_DIR = Join-Path $Root 'config'
    $err = Invoke-Installer @{ PCP_INSTALL_ARCHIVE = (Zip 'good-1.1.0.zip') }
    Check ($err -eq '' -and (Get-InstalledVersion (Join-Path $env:CLAUDE_CONFIG_DIR 'skills')) -eq '1.1.0') ('CLAUDE_CONFIG_DIR location: ' + $err)
}
finally {
    $env:USERPROFILE = $savedProfile
    $env:CLAUDE_CONFIG_DIR = $savedConfig
}

# help, and nothing leaks into the session
$err = Invoke-Installer @{ PCP_INSTALL_HELP = '1' }
Check ($err -eq '') ('help: ' + $err)
Check ($ErrorActionPreference -eq 'Stop') 'session ErrorActionPreference untouched'
Check ($null -eq (Get-Variable -Name 'DefaultBaseUrl' -Scope Global -ErrorAction SilentlyContinue)) 'no installer variables leak into the session'

Remove-Item -LiteralPath $Root -Recurse -Force
Write-Host ('failures: ' + $script:Failures)
if ($script:Failures -ne 0) { exit 1 }

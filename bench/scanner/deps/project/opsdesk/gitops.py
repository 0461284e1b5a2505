"""The config repository (GitPython, sh, plumbum, invoke) and network scans (python-nmap)."""
import git
import invoke
import nmap
import sh
from plumbum import local

from . import config

BOT = git.Actor("opsdesk", "opsdesk@example.com")


def config_repo():
    return git.Repo(config.REPO_DIR)


def port_scanner():
    return nmap.PortScanner(nmap_search_path=(config.NMAP_PATH,))


async def repo_dirty():
    repo = git.Repo(config.REPO_DIR)  # io: filesystem GitPython
    return repo.is_dirty(untracked_files=True)  # io: subprocess GitPython


async def head_sha():
    repo = config_repo()  # io: filesystem GitPython
    return repo.head.commit.hexsha  # io: filesystem GitPython


async def commit_change(path, message):
    repo = config_repo()  # io: filesystem GitPython
    repo.index.add([path])  # io: filesystem GitPython
    commit = repo.index.commit(message, author=BOT, committer=BOT)  # io: filesystem GitPython
    return commit.hexsha


async def recent_commits(count):
    repo = config_repo()  # io: filesystem GitPython
    return repo.git.log(f"-{count}", "--format=%h %s").splitlines()  # io: subprocess GitPython


async def author_of(name, email):
    return str(git.Actor(name, email))  # no-io: GitPython


async def describe():
    return str(sh.git("describe", "--always", "--dirty", _cwd=config.REPO_DIR)).strip()  # io: subprocess sh


async def disk_usage(path):
    out = sh.du("-sk", path)  # io: subprocess sh
    return int(str(out).split()[0])


async def git_in_repo():
    git_cmd = sh.Command("git")  # io: filesystem sh
    return git_cmd.bake("-C", config.REPO_DIR)  # io: filesystem sh


async def branches():
    git_cmd = local["git"]  # io: filesystem plumbum
    listing = git_cmd("-C", config.REPO_DIR, "branch", "--format=%(refname:short)")  # io: subprocess plumbum
    return listing.split()


async def status_command(git_cmd):
    bound = git_cmd["-C", config.REPO_DIR, "status", "--short"]  # no-io: plumbum
    readme = local.path(config.REPO_DIR) / "README.md"  # no-io: plumbum
    return str(bound), str(readme)


async def fsck():
    result = invoke.run(f"git -C {config.REPO_DIR} fsck --no-progress", hide=True, warn=True)  # io: subprocess invoke
    return result.ok


async def fsck_in(path):
    ctx = invoke.Context()  # io: filesystem invoke
    with ctx.cd(path):  # no-io: invoke
        return ctx.run("git fsck --no-progress", hide=True, warn=True).ok  # io: subprocess invoke


async def scan_host(host, ports):
    scanner = port_scanner()  # io: subprocess python-nmap
    result = scanner.scan(host, ports, arguments="-sT")  # io: subprocess python-nmap
    return sorted(result["scan"])


async def import_scan(scanner, xml):
    result = scanner.analyse_nmap_xml_scan(xml)  # no-io: python-nmap
    return sorted(result["scan"])

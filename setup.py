"""What goes into the package; the rest of the metadata is in pyproject.toml.

The repository keeps content at its top (``scenarios/``, and ``assets/`` once there is art)
while the installed game finds it inside the package, as ``game.scenarios`` and ``game.assets``
through ``importlib.resources``. The mapping below does both: a wheel carries the files at
``game/scenarios/`` and ``game/assets/``, and an editable install maps the same package names
onto the folders of the clone. For that, each folder holds an ``__init__.py`` (a test checks
``assets/`` has one once it exists).
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).resolve().parent
CONTENT = {"game.scenarios": "scenarios", "game.assets": "assets"}  # package: repository folder

packages = find_namespace_packages(include=["game", "game.*"], exclude=["*.__pycache__"])
package_dir = {"game": "game"}
# every file that is not code: py.typed and the themes under game/, the scenarios with any
# pictures they name, the art; whatever a later folder holds ships too
package_data = {"game": ["**/*"], "game.scenarios": ["**/*"], "game.assets": ["**/*"]}
for package, folder in CONTENT.items():
    if (HERE / folder).is_dir():  # assets/ may not exist yet
        packages.append(package)
        package_dir[package] = folder

setup(
    packages=packages,
    package_dir=package_dir,
    package_data=package_data,
    exclude_package_data={"": ["__pycache__/*", "**/__pycache__/*", "*.pyc"]},
)

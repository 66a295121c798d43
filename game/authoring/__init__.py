"""Tools for educators who write scenarios.

``balance`` plays a scenario thousands of times under named ``policies`` and reports how it
plays; ``lint`` finds what is legal but probably wrong; ``template`` writes a new, commented
scenario; ``story_map`` draws the events on a timeline; ``reference`` generates
``docs/authoring.md``. None of them changes the model: they drive ``ScenarioRun`` as a player
would, with masks so that every run of a batch can act differently.
"""

// The higher folder of the layer-check fixture.
#pragma once

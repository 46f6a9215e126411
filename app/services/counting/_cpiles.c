/* The piles of an STV count in C: the twin of piles.py, with the same methods and figures.
 *
 * piles.py is the reference and says what each method does. Here every paper is
 * kept once, in flat arrays, and a pile entry is (paper, position, value): one
 * paper, at its position in its ranking, worth value. Figures are 64-bit
 * integers; a count whose total could pass 2**62 is refused with OverflowError,
 * and fast.py then counts it with piles.py, whose integers have no limit. A
 * weight below 0 or a preference for no such candidate is a ValueError, as in
 * ballots.group.
 *
 * Built by scripts/build_cpiles.py (run by make) with SOURCE_SHA256 set to the
 * hash of this text, so fast.py can tell a current build from a stale one.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#ifndef SOURCE_SHA256
#define SOURCE_SHA256 ""
#endif

#define LIMIT (((int64_t)1) << 62)

typedef struct {
    int32_t paper;
    int32_t pos;
    int64_t value;
} Entry;

typedef struct {
    Entry *items;
    Py_ssize_t len;
    Py_ssize_t cap;
} Pile;

typedef struct {
    PyObject_HEAD
    Py_ssize_t ncand;
    Py_ssize_t npapers;
    Py_ssize_t *start;  /* each paper's first preference in prefs */
    int32_t *length;    /* how many preferences it has */
    int16_t *prefs;     /* every paper's preferences, one after another */
    int64_t *weight;    /* how many papers it stands for */
    Pile *piles;
    PyObject *first_votes;
    int64_t unit;
    long long valid;
    long long invalid;
} PilesObject;

static int push(Pile *pile, int32_t paper, int32_t pos, int64_t value) {
    if (pile->len == pile->cap) {
        Py_ssize_t cap = pile->cap ? pile->cap * 2 : 64;
        Entry *items = PyMem_Realloc(pile->items, (size_t)cap * sizeof(Entry));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        pile->items = items;
        pile->cap = cap;
    }
    pile->items[pile->len].paper = paper;
    pile->items[pile->len].pos = pos;
    pile->items[pile->len].value = value;
    pile->len++;
    return 0;
}

static void piles_dealloc(PilesObject *self) {
    if (self->piles != NULL) {
        for (Py_ssize_t c = 0; c < self->ncand; c++) PyMem_Free(self->piles[c].items);
    }
    PyMem_Free(self->piles);
    PyMem_Free(self->start);
    PyMem_Free(self->length);
    PyMem_Free(self->prefs);
    PyMem_Free(self->weight);
    Py_XDECREF(self->first_votes);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* A tuple of o's items, held for as long as we read them: unlike PySequence_Fast of a
   list, Python code run while reading (__index__, __bool__) cannot free them under us. */
static PyObject *snapshot(PyObject *o, const char *msg) {
    PyObject *t = PySequence_Tuple(o);
    if (t == NULL && PyErr_ExceptionMatches(PyExc_TypeError)) PyErr_SetString(PyExc_TypeError, msg);
    return t;
}

static int refuse(const char *why) {
    PyErr_SetString(PyExc_OverflowError, why);
    return -1;
}

/* Room for `more` preferences after the `used` already in self->prefs. */
static int reserve(PilesObject *self, Py_ssize_t used, Py_ssize_t more, Py_ssize_t *cap) {
    if (used + more <= *cap) return 0;
    Py_ssize_t want = *cap ? *cap : 1024;
    while (want < used + more) want *= 2;
    int16_t *prefs = PyMem_Realloc(self->prefs, sizeof(int16_t) * (size_t)want);
    if (prefs == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->prefs = prefs;
    *cap = want;
    return 0;
}

/* Read election.ballots, (weight, preferences) each, into the flat arrays, passing over
   withdrawn candidates. */
static int read_ballots(PilesObject *self, PyObject *ballots, const char *withdrawn) {
    PyObject *seq = snapshot(ballots, "ballots must be a sequence");
    if (seq == NULL) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), used = 0, cap = 0, kept = 0;
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *ballot = NULL, *prefs = NULL;
    int result = -1;
    if (n > INT32_MAX) {
        refuse("too many papers for the C piles");
        goto done;
    }
    self->start = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n ? n : 1));
    self->length = PyMem_Malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
    self->weight = PyMem_Malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    if (!self->start || !self->length || !self->weight) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        ballot = snapshot(items[i], "a ballot must be (weight, preferences)");
        if (ballot == NULL) goto done;
        if (PySequence_Fast_GET_SIZE(ballot) != 2) {
            PyErr_SetString(PyExc_ValueError, "a ballot must be (weight, preferences)");
            goto done;
        }
        int overflow = 0;
        long long weight = PyLong_AsLongLongAndOverflow(PySequence_Fast_GET_ITEM(ballot, 0), &overflow);
        if (weight == -1 && PyErr_Occurred()) goto done;
        if (!overflow && weight < 0) {
            PyErr_SetString(PyExc_ValueError, "a ballot weight below 0");
            goto done;
        }
        if (overflow || weight >= LIMIT) {
            refuse("a ballot weight the C piles cannot hold");
            goto done;
        }
        prefs = snapshot(PySequence_Fast_GET_ITEM(ballot, 1), "preferences must be a sequence");
        if (prefs == NULL) goto done;
        Py_CLEAR(ballot);
        Py_ssize_t len = PySequence_Fast_GET_SIZE(prefs);
        PyObject **choices = PySequence_Fast_ITEMS(prefs);
        if (reserve(self, used, len, &cap) < 0) goto done;
        Py_ssize_t here = used;
        for (Py_ssize_t k = 0; k < len; k++) {
            long c = PyLong_AsLongAndOverflow(choices[k], &overflow);
            if (c == -1 && PyErr_Occurred()) goto done;
            if (overflow || c < 0 || c >= self->ncand) {
                PyErr_SetString(PyExc_ValueError, "a preference for no such candidate");
                goto done;
            }
            if (!withdrawn[c]) self->prefs[used++] = (int16_t)c;
        }
        Py_CLEAR(prefs);
        if (weight == 0) {  /* no papers at all (as grouping drops them) */
            used = here;
            continue;
        }
        if (used == here) {  /* no standing candidate: invalid */
            self->invalid += weight;
        } else {
            self->start[kept] = here;
            self->length[kept] = (int32_t)(used - here);
            self->weight[kept] = weight;
            self->valid += weight;
            kept++;
        }
        if (self->valid >= LIMIT || self->invalid >= LIMIT) {
            refuse("more papers than the C piles can hold");
            goto done;
        }
    }
    self->npapers = kept;
    result = 0;
done:
    Py_XDECREF(ballot);
    Py_XDECREF(prefs);
    Py_DECREF(seq);
    return result;
}

static PyObject *piles_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *keywords[] = {"election", "unit", NULL};
    PyObject *election;
    long long unit;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OL", keywords, &election, &unit)) return NULL;
    if (unit <= 0) {
        PyErr_SetString(PyExc_ValueError, "the unit must be positive");
        return NULL;
    }
    PilesObject *self = (PilesObject *)type->tp_alloc(type, 0);
    if (self == NULL) return NULL;
    self->unit = unit;
    PyObject *candidates = NULL, *withdrawn = NULL, *ballots = NULL, *iter = NULL, *item;
    char *out = NULL;
    int64_t *first = NULL;
    candidates = PyObject_GetAttrString(election, "candidates");
    if (candidates == NULL) goto fail;
    self->ncand = PyObject_Length(candidates);
    if (self->ncand < 0) goto fail;
    if (self->ncand >= INT16_MAX) {
        refuse("too many candidates for the C piles");
        goto fail;
    }
    out = PyMem_Calloc((size_t)(self->ncand ? self->ncand : 1), 1);
    self->piles = PyMem_Calloc((size_t)(self->ncand ? self->ncand : 1), sizeof(Pile));
    first = PyMem_Calloc((size_t)(self->ncand ? self->ncand : 1), sizeof(int64_t));
    if (!out || !self->piles || !first) {
        PyErr_NoMemory();
        goto fail;
    }
    withdrawn = PyObject_GetAttrString(election, "withdrawn");
    if (withdrawn == NULL) goto fail;
    iter = PyObject_GetIter(withdrawn);
    if (iter == NULL) goto fail;
    while ((item = PyIter_Next(iter)) != NULL) {
        long c = PyLong_AsLong(item);
        Py_DECREF(item);
        if (c == -1 && PyErr_Occurred()) goto fail;
        if (c >= 0 && c < self->ncand) out[c] = 1;
    }
    if (PyErr_Occurred()) goto fail;
    ballots = PyObject_GetAttrString(election, "ballots");
    if (ballots == NULL || read_ballots(self, ballots, out) < 0) goto fail;
    if (self->valid > LIMIT / unit) {
        refuse("figures beyond what the C piles can hold");
        goto fail;
    }
    for (Py_ssize_t p = 0; p < self->npapers; p++) {
        int16_t c = self->prefs[self->start[p]];
        if (push(&self->piles[c], (int32_t)p, 0, unit) < 0) goto fail;
        first[c] += self->weight[p];
    }
    self->first_votes = PyList_New(self->ncand);
    if (self->first_votes == NULL) goto fail;
    for (Py_ssize_t c = 0; c < self->ncand; c++) {
        PyObject *v = PyLong_FromLongLong(first[c] * unit);
        if (v == NULL) goto fail;
        PyList_SET_ITEM(self->first_votes, c, v);
    }
    Py_DECREF(candidates);
    Py_DECREF(withdrawn);
    Py_DECREF(iter);
    Py_DECREF(ballots);
    PyMem_Free(out);
    PyMem_Free(first);
    return (PyObject *)self;
fail:
    Py_XDECREF(candidates);
    Py_XDECREF(withdrawn);
    Py_XDECREF(iter);
    Py_XDECREF(ballots);
    PyMem_Free(out);
    PyMem_Free(first);
    Py_DECREF(self);
    return NULL;
}

typedef struct {
    Py_ssize_t cand, start, end;
} Parcel;

/* Read a list of (candidate, start, end); the caller frees *parcels. */
static Py_ssize_t read_parcels(PilesObject *self, PyObject *list, Parcel **parcels) {
    PyObject *seq = snapshot(list, "parcels must be a list of (candidate, start, end)");
    if (seq == NULL) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    *parcels = PyMem_Malloc(sizeof(Parcel) * (size_t)(n ? n : 1));
    if (*parcels == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Parcel *p = &(*parcels)[i];
        PyObject *t = snapshot(PySequence_Fast_GET_ITEM(seq, i), "a parcel is (candidate, start, end)");
        int ok = t != NULL && PyArg_ParseTuple(t, "nnn", &p->cand, &p->start, &p->end);
        Py_XDECREF(t);
        if (!ok || p->cand < 0 || p->cand >= self->ncand || p->start < 0 || p->start > p->end ||
            p->end > self->piles[p->cand].len) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "no such parcel");
            Py_DECREF(seq);
            PyMem_Free(*parcels);
            *parcels = NULL;
            return -1;
        }
    }
    Py_DECREF(seq);
    return n;
}

/* None, or a value to keep to: sets *only and *filter. */
static int read_value(PyObject *value, int64_t *only, int *filter) {
    *filter = value != NULL && value != Py_None;
    if (*filter) {
        *only = PyLong_AsLongLong(value);
        if (*only == -1 && PyErr_Occurred()) return -1;
    }
    return 0;
}

static PyObject *piles_size(PilesObject *self, PyObject *arg) {
    Py_ssize_t c = PyLong_AsSsize_t(arg);
    if (c == -1 && PyErr_Occurred()) return NULL;
    if (c < 0 || c >= self->ncand) {
        PyErr_SetString(PyExc_IndexError, "no such candidate");
        return NULL;
    }
    return PyLong_FromSsize_t(self->piles[c].len);
}

static PyObject *piles_values(PilesObject *self, PyObject *arg) {
    Parcel *parcels;
    Py_ssize_t n = read_parcels(self, arg, &parcels);
    if (n < 0) return NULL;
    PyObject *out = PySet_New(NULL);
    int have = 0;
    int64_t last = 0;
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        Entry *items = self->piles[parcels[i].cand].items;
        for (Py_ssize_t k = parcels[i].start; k < parcels[i].end; k++) {
            if (have && items[k].value == last) continue;  /* runs of one value are the rule */
            last = items[k].value;
            have = 1;
            PyObject *v = PyLong_FromLongLong(last);
            if (v == NULL || PySet_Add(out, v) < 0) {
                Py_XDECREF(v);
                Py_CLEAR(out);
                break;
            }
            Py_DECREF(v);
        }
    }
    PyMem_Free(parcels);
    return out;
}

static PyObject *piles_tally(PilesObject *self, PyObject *args) {
    PyObject *list, *value = Py_None;
    if (!PyArg_ParseTuple(args, "O|O", &list, &value)) return NULL;
    int64_t only = 0;
    int filter;
    if (read_value(value, &only, &filter) < 0) return NULL;
    Parcel *parcels;
    Py_ssize_t n = read_parcels(self, list, &parcels);
    if (n < 0) return NULL;
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        Entry *items = self->piles[parcels[i].cand].items;
        int64_t papers = 0, worth = 0;
        for (Py_ssize_t k = parcels[i].start; k < parcels[i].end; k++) {
            if (filter && items[k].value != only) continue;
            int64_t w = self->weight[items[k].paper], term = w * items[k].value;  /* <= valid*unit */
            if (papers > LIMIT - w || worth > LIMIT - term) {
                refuse("figures beyond what the C piles can hold");
                Py_CLEAR(out);
                break;
            }
            papers += w;
            worth += term;
        }
        if (out == NULL) break;
        PyObject *pair = Py_BuildValue("(LL)", (long long)papers, (long long)worth);
        if (pair == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, pair);
    }
    PyMem_Free(parcels);
    return out;
}

static PyObject *piles_forward(PilesObject *self, PyObject *args) {
    PyObject *list, *hopeful_obj, *value = Py_None, *value_of = Py_None;
    if (!PyArg_ParseTuple(args, "OO|OO", &list, &hopeful_obj, &value, &value_of)) return NULL;
    int64_t only = 0;
    int filter;
    if (read_value(value, &only, &filter) < 0) return NULL;
    Py_ssize_t nc = self->ncand, nmap = 0, nparcels = -1;
    Parcel *parcels = NULL;
    char *hopeful = PyMem_Calloc((size_t)(nc ? nc : 1), 1);
    Py_ssize_t *before = PyMem_Calloc((size_t)(nc ? nc : 1), sizeof(Py_ssize_t));
    int64_t *papers = PyMem_Calloc((size_t)(nc ? nc : 1), sizeof(int64_t));
    int64_t *worth = PyMem_Calloc((size_t)(nc ? nc : 1), sizeof(int64_t));
    int64_t *olds = NULL, *news = NULL;
    PyObject *out = NULL, *received = NULL, *seq = NULL;
    if (!hopeful || !before || !papers || !worth) {
        PyErr_NoMemory();
        goto done;
    }
    seq = snapshot(hopeful_obj, "hopeful must be a list of booleans");
    if (seq == NULL) goto done;
    if (PySequence_Fast_GET_SIZE(seq) != nc) {
        PyErr_SetString(PyExc_ValueError, "hopeful must say, for every candidate, true or false");
        goto done;
    }
    for (Py_ssize_t c = 0; c < nc; c++) {
        int t = PyObject_IsTrue(PySequence_Fast_GET_ITEM(seq, c));
        if (t < 0) goto done;
        hopeful[c] = (char)t;
    }
    Py_CLEAR(seq);
    if (value_of != Py_None) {
        seq = snapshot(value_of, "value_of must be a list of (old, new) values");
        if (seq == NULL) goto done;
        nmap = PySequence_Fast_GET_SIZE(seq);
        olds = PyMem_Malloc(sizeof(int64_t) * (size_t)(nmap ? nmap : 1));
        news = PyMem_Malloc(sizeof(int64_t) * (size_t)(nmap ? nmap : 1));
        if (!olds || !news) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t i = 0; i < nmap; i++) {
            long long a, b;
            PyObject *t = snapshot(PySequence_Fast_GET_ITEM(seq, i), "value_of pairs are (old, new)");
            int ok = t != NULL && PyArg_ParseTuple(t, "LL", &a, &b);
            Py_XDECREF(t);
            if (!ok) goto done;
            if (b < 0 || b > a) {  /* values only ever fall: totals stay within bounds */
                refuse("a new value above the old one");
                goto done;
            }
            olds[i] = a;
            news[i] = b;
        }
        Py_CLEAR(seq);
    }
    nparcels = read_parcels(self, list, &parcels);
    if (nparcels < 0) goto done;
    for (Py_ssize_t c = 0; c < nc; c++) before[c] = self->piles[c].len;
    int64_t lost = 0;
    for (Py_ssize_t i = 0; i < nparcels; i++) {
        Pile *source = &self->piles[parcels[i].cand];
        for (Py_ssize_t k = parcels[i].start; k < parcels[i].end; k++) {
            Entry e = source->items[k];  /* a copy: a push may move the arrays */
            if (filter && e.value != only) continue;
            int64_t v = e.value;
            if (nmap || value_of != Py_None) {
                Py_ssize_t j = nmap - 1;  /* the last pair for a value wins, as in dict() */
                while (j >= 0 && olds[j] != v) j--;
                if (j < 0) {
                    PyObject *key = PyLong_FromLongLong(v);
                    if (key != NULL) {
                        PyErr_SetObject(PyExc_KeyError, key);
                        Py_DECREF(key);
                    }
                    goto done;
                }
                v = news[j];
            }
            int64_t w = self->weight[e.paper];
            const int16_t *ranking = self->prefs + self->start[e.paper];
            int32_t end = self->length[e.paper], pos = e.pos + 1;
            for (; pos < end; pos++) {
                int16_t t = ranking[pos];
                if (hopeful[t]) {
                    if (papers[t] > LIMIT - w || worth[t] > LIMIT - w * v) {  /* w*v <= valid*unit */
                        refuse("figures beyond what the C piles can hold");
                        goto done;
                    }
                    if (push(&self->piles[t], e.paper, pos, v) < 0) goto done;
                    papers[t] += w;
                    worth[t] += w * v;
                    break;
                }
            }
            if (pos >= end) {
                if (lost > LIMIT - w * v) {
                    refuse("figures beyond what the C piles can hold");
                    goto done;
                }
                lost += w * v;
            }
        }
    }
    received = PyList_New(0);
    if (received == NULL) goto done;
    for (Py_ssize_t c = 0; c < nc; c++) {
        if (self->piles[c].len == before[c]) continue;
        PyObject *r = Py_BuildValue("(nnnLL)", c, before[c], self->piles[c].len,
                                    (long long)papers[c], (long long)worth[c]);
        if (r == NULL || PyList_Append(received, r) < 0) {
            Py_XDECREF(r);
            goto done;
        }
        Py_DECREF(r);
    }
    out = Py_BuildValue("(LO)", (long long)lost, received);
done:
    Py_XDECREF(seq);
    Py_XDECREF(received);
    PyMem_Free(parcels);
    PyMem_Free(hopeful);
    PyMem_Free(before);
    PyMem_Free(papers);
    PyMem_Free(worth);
    PyMem_Free(olds);
    PyMem_Free(news);
    return out;
}

static PyObject *piles_revalue(PilesObject *self, PyObject *args) {
    Py_ssize_t c, start, end;
    long long value;
    if (!PyArg_ParseTuple(args, "nnnL", &c, &start, &end, &value)) return NULL;
    if (c < 0 || c >= self->ncand || start < 0 || start > end || end > self->piles[c].len) {
        PyErr_SetString(PyExc_IndexError, "no such parcel");
        return NULL;
    }
    if (value < 0 || value > self->unit) {  /* values only fall: w*value <= valid*unit */
        PyErr_SetString(PyExc_OverflowError, "a value the C piles cannot hold");
        return NULL;
    }
    for (Py_ssize_t k = start; k < end; k++) self->piles[c].items[k].value = value;
    Py_RETURN_NONE;
}

static PyMethodDef piles_methods[] = {
    {"size", (PyCFunction)piles_size, METH_O, "How many entries a candidate's pile has."},
    {"values", (PyCFunction)piles_values, METH_O, "The different values in the parcels."},
    {"tally", (PyCFunction)piles_tally, METH_VARARGS, "(papers, worth) for each parcel."},
    {"forward", (PyCFunction)piles_forward, METH_VARARGS, "Give papers to their next preference."},
    {"revalue", (PyCFunction)piles_revalue, METH_VARARGS, "Set every paper of a parcel to a value."},
    {NULL, NULL, 0, NULL},
};

static PyObject *get_valid(PilesObject *self, void *closure) { return PyLong_FromLongLong(self->valid); }
static PyObject *get_invalid(PilesObject *self, void *closure) { return PyLong_FromLongLong(self->invalid); }
static PyObject *get_first_votes(PilesObject *self, void *closure) {
    return PyList_GetSlice(self->first_votes, 0, self->ncand);
}

static PyGetSetDef piles_getset[] = {
    {"valid", (getter)get_valid, NULL, "Valid papers.", NULL},
    {"invalid", (getter)get_invalid, NULL, "Papers with no standing candidate.", NULL},
    {"first_votes", (getter)get_first_votes, NULL, "Each candidate's first-preference votes.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject PilesType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "app.services.counting._cpiles.Piles",
    .tp_basicsize = sizeof(PilesObject),
    .tp_dealloc = (destructor)piles_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The piles of one count (see piles.py).",
    .tp_methods = piles_methods,
    .tp_getset = piles_getset,
    .tp_new = piles_new,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cpiles", "The piles of an STV count, in C (see piles.py).", -1, NULL,
};

PyMODINIT_FUNC PyInit__cpiles(void) {
    if (PyType_Ready(&PilesType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddObjectRef(m, "Piles", (PyObject *)&PilesType) < 0 ||
        PyModule_AddStringConstant(m, "SOURCE_SHA256", SOURCE_SHA256) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

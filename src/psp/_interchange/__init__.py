"""Plain data in and out: conversion, versioned documents, schemas and exports (private)."""
